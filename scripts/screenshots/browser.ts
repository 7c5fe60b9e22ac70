// Headless Chromium for the screenshots: Debian's own `chromium` package (playwright-core ships
// no browser), logged in to n8n through its sign-in form like a person would.
import * as fs from 'node:fs';

import { chromium, type Browser, type Page } from 'playwright-core';

export const VIEWPORT = { width: 1280, height: 800 };

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The Chromium binary: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export class MissingChromiumError extends Error {
	constructor(executable: string) {
		super(
			`Chromium was not found at ${executable}.\n` +
				'Install Debian\'s chromium package:  sudo apt-get install -y chromium\n' +
				'(or point CHROMIUM_PATH at another Chromium/Chrome binary), then run npm run screenshots again.',
		);
		this.name = 'MissingChromiumError';
	}
}

export async function launchChromium(): Promise<Browser> {
	const executablePath = chromiumPath();
	if (!fs.existsSync(executablePath)) throw new MissingChromiumError(executablePath);
	return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface Login {
	email: string;
	password: string;
}

/** Signs in through n8n's own form and waits until the app left the sign-in page. */
export async function signIn(page: Page, baseUrl: string, login: Login): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('#emailOrLdapLoginId').fill(login.email);
	await page.locator('#password').fill(login.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
}

// Onboarding and notice surfaces n8n may show on a fresh instance. Each is closed when visible;
// none is required to be there (which ones appear depends on the n8n version and its settings).
const CLOSE_BUTTONS = [
	'[role="dialog"] button[aria-label="Close"]',
	'[role="dialog"] .el-dialog__headerbtn',
	'[data-test-id="banner-stack"] [data-test-id="banner-close-button"]',
	'[data-test-id="banner-stack"] button[aria-label="Close"]',
	'[data-test-id="nps-survey-modal"] button[aria-label="Close"]',
	'[data-test-id="close-chat-button"]',
];

/** Closes any modal, banner or side panel that would cover the canvas (dialogs too, unless told). */
export async function dismissOverlays(page: Page, options: { keepDialogs?: boolean } = {}): Promise<void> {
	for (const selector of CLOSE_BUTTONS) {
		if (options.keepDialogs && selector.startsWith('[role="dialog"]')) continue;
		const buttons = page.locator(selector);
		const count = await buttons.count();
		for (let index = 0; index < count; index++) {
			const button = buttons.nth(index);
			if (await button.isVisible().catch(() => false)) {
				await button.click({ timeout: 2_000 }).catch(() => undefined);
			}
		}
	}
}
