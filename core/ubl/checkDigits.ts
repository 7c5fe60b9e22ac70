// Check digits of identifiers other countries' Peppol rules check (the Belgian ones live in core/belgium).

/** GS1 GLN: 13 digits, the last a mod-10 check with weights 1, 3 (PEPPOL-COMMON-R040). */
export function isGln(id: string): boolean {
	if (!/^\d{13}$/.test(id)) return false;
	const digits = [...id].map(Number);
	const sum = digits.slice(0, 12).reduce((acc, digit, i) => acc + digit * (i % 2 === 0 ? 1 : 3), 0);
	return (10 - (sum % 10)) % 10 === digits[12];
}

/** Norwegian organisation number: 9 digits, the last a mod-11 check (PEPPOL-COMMON-R041, NO-R-001). */
export function isNorwegianOrganisationNumber(id: string): boolean {
	if (!/^\d{9}$/.test(id)) return false;
	const weights = [3, 2, 7, 6, 5, 4, 3, 2];
	const sum = weights.reduce((acc, weight, i) => acc + weight * Number(id[i]), 0);
	const check = 11 - (sum % 11);
	return (check === 11 ? 0 : check) === Number(id[8]);
}
