// Remainder of a (possibly very long) digit string modulo 97, computed in chunks so it stays exact
// without BigInt or floats: IBANs run to 34 characters, beyond Number's safe range.
export function mod97(digits: string): number {
	let remainder = 0;
	for (let start = 0; start < digits.length; start += 7) {
		remainder = Number(String(remainder) + digits.slice(start, start + 7)) % 97;
	}
	return remainder;
}
