import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every webhook delivery carries: `sha256=<hex HMAC-SHA256 of the exact body>`. */
export const SIGNATURE_HEADER = 'X-Signature';

/**
 * Whether a webhook delivery comes from the platform: the HMAC-SHA256 of the body exactly as received (before any JSON
 * parsing), keyed with the secret given when subscribing, compared in constant time with the signature header.
 */
export function verifyWebhookSignature(secret: string, rawBody: string | Uint8Array,
                                       signature: string | null | undefined): boolean {
    if (!signature || !signature.startsWith('sha256=')) {
        return false;
    }
    const given = Buffer.from(signature.slice('sha256='.length), 'hex');
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
}
