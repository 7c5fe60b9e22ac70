export { SIGNATURE_HEADER, parseSignatureHeader, formatSignatureHeader } from './header';
export type { SignatureHeader } from './header';
export { DEFAULT_TOLERANCE_SECONDS, computeSignature, sign, verify } from './signature';
export type { SignatureFailure, VerifyOptions, VerifyResult } from './signature';
