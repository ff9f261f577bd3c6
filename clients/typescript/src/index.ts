export * from './generated';
export { platform, type Credentials, type Platform } from './platform';
export { SIGNATURE_HEADER, verifyWebhookSignature } from './webhooks';
