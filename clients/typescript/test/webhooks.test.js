'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { verifyWebhookSignature } = require('../dist');

// Computed apart from the client (Python's hmac module), so that the helper is checked, not restated.
const SECRET = 'a-long-random-shared-secret';
const BODY = '{"type":"MaturityPhaseChanged"}';
const SIGNATURE = 'sha256=6902a70a1dbd167bed36decc8cc6e4c917b9e35777cef2d3c95e93e662438ebf';

test('a delivery signed with the subscription secret verifies, over the exact body only', () => {
    assert.equal(verifyWebhookSignature(SECRET, BODY, SIGNATURE), true);
    assert.equal(verifyWebhookSignature(SECRET, Buffer.from(BODY), SIGNATURE), true);
    assert.equal(verifyWebhookSignature(SECRET, BODY + ' ', SIGNATURE), false);
    assert.equal(verifyWebhookSignature('another-secret-of-enough-length', BODY, SIGNATURE), false);
    assert.equal(verifyWebhookSignature(SECRET, BODY, SIGNATURE.replace('sha256=', '')), false);
    assert.equal(verifyWebhookSignature(SECRET, BODY, 'sha256=zz'), false);
    assert.equal(verifyWebhookSignature(SECRET, BODY, undefined), false);
});
