// Claims and delivery records shared by every n8n process (queue mode): who is sending a
// document to a recipient right now, who said it is about to end the DATA of it, and which
// deliveries the server accepted. One record per delivery key (document + recipient).
//
// States of a record:
//   (none)     nobody sends it, it was never delivered: free to claim.
//   claimed    a run holds it and has not reached the final "." of DATA. A crashed holder's claim
//              runs out with its lease and is taken over: nothing can have been delivered.
//   sending    the holder recorded its intent to end DATA: from here the server may accept it at
//              any moment. If the holder's lease runs out before it records the answer (crash),
//              the record becomes `uncertain`, never free.
//   delivered  the server accepted it (250 after DATA).
//   uncertain  the server may have accepted it: reported, never resent on its own (Resend does).

export type ClaimState = 'claimed' | 'delivered' | 'uncertain';

export interface RecordInfo {
	messageId?: string;
	/** ISO date-time: acceptance (delivered) or when the outcome became unknown (uncertain). */
	at?: string;
	reason?: string;
}

export interface KeyClaim extends RecordInfo {
	key: string;
	state: ClaimState;
	/** A claim taken over from a holder whose lease ran out before its final "." (a crash). */
	recovered?: boolean;
}

export interface ClaimOptions {
	/** Claim delivered and uncertain keys too (the node's Resend option). */
	force?: boolean;
}

/** Another process holds one of the keys and is still alive (its lease is renewed). */
export interface BusyAnswer {
	busy: true;
	/** The keys held by someone else. */
	keys: string[];
}

export interface ClaimAnswer {
	busy: false;
	/** Per key, in the order asked. Keys `claimed` are held by this owner until settled. */
	claims: KeyClaim[];
}

/** The holder lost a key (its lease ran out and another run took it): it must not send. */
export class ClaimLostError extends Error {
	constructor(readonly keys: string[]) {
		super(`the claim on ${keys.join(', ')} was lost (lease ran out); not sent`);
		this.name = 'ClaimLostError';
	}
}

/** The shared store cannot be reached or answered an error: nothing may be sent on a guess. */
export class CoordinationUnavailableError extends Error {
	constructor(message: string, readonly cause?: unknown) {
		super(message);
		this.name = 'CoordinationUnavailableError';
	}
}

/**
 * One owner's (one run's) view of the shared records of one scope (one workflow's node).
 * Every method is atomic for all its keys together.
 */
export interface DeliveryClaims {
	/** Per key: its state ('claimed' also for `sending`), or undefined for none, without claiming anything. */
	states(keys: string[]): Promise<Array<ClaimState | undefined>>;
	/** All-or-nothing: claims every free key, or none when another live owner holds any of them. */
	claim(keys: string[], options?: ClaimOptions): Promise<ClaimAnswer | BusyAnswer>;
	/** Records the intent to end DATA (before the final "."); throws ClaimLostError when a key is not held. */
	intend(keys: string[]): Promise<void>;
	/** The server accepted these keys' message. */
	delivered(keys: string[], info: RecordInfo): Promise<void>;
	/** The server's answer is unknown (connection lost or time-out after the final "."). */
	uncertain(keys: string[], info: RecordInfo): Promise<void>;
	/** Not delivered (refused, or never reached the final "."): free again for the next run. */
	release(keys: string[]): Promise<void>;
	/** Stops renewing leases; keys still held run out with their lease. */
	close(): Promise<void>;
}
