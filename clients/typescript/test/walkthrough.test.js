'use strict';
// The README's walkthrough through the client, against a running platform: SMP_GATEWAY_URL and SMP_ADMIN_KEY name
// its gateway and the operator's key (system-tests' TypeScriptClientTest starts one and runs this file).
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { platform, verifyWebhookSignature, SIGNATURE_HEADER, ResponseError } = require('../dist');

const GATEWAY = process.env.SMP_GATEWAY_URL;
const ADMIN_KEY = process.env.SMP_ADMIN_KEY;
const SECRET = 'a-long-random-shared-secret';

/** Retries an assertion about something that catches up asynchronously, for at most 30 s. */
async function eventually(check, timeoutMillis = 30_000) {
    const deadline = Date.now() + timeoutMillis;
    for (;;) {
        try {
            return await check();
        } catch (failure) {
            if (Date.now() > deadline) {
                throw failure;
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }
}

/** A partner portal's webhook endpoint: every delivery with its raw body, as received. */
function receiver() {
    const deliveries = [];
    const server = http.createServer((request, response) => {
        const chunks = [];
        request.on('data', (chunk) => chunks.push(chunk));
        request.on('end', () => {
            deliveries.push({ headers: request.headers, body: Buffer.concat(chunks) });
            response.writeHead(204).end();
        });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1',
        () => resolve({ server, deliveries, url: `http://127.0.0.1:${server.address().port}/hooks` })));
}

/** The answer of the given level to a question: its option of that level, or the lower bound of its band. */
function answerOfLevel(question, level) {
    if (question.type === 'CHOICE') {
        return { optionId: question.options.find((option) => option.level === level).id };
    }
    return { value: question.bands.find((band) => band.level === level).from };
}

test('a partner portal takes a company to phase 3 and gets its advice and a signed webhook', async (t) => {
    assert.ok(GATEWAY && ADMIN_KEY, 'SMP_GATEWAY_URL and SMP_ADMIN_KEY must name a running platform');
    const operator = platform({ baseUrl: GATEWAY, adminKey: ADMIN_KEY });
    const partner = await operator.partners.createPartner({ partnerRegistration: { name: 'TypeScript portal' } });
    assert.match(partner.apiKey, /^smk_/);

    const portal = platform({ baseUrl: GATEWAY, apiKey: partner.apiKey, actor: 'ana@portal.example' });
    const endpoint = await receiver();
    t.after(() => endpoint.server.close());
    const subscription = await portal.webhooks.subscribeWebhook({
        webhookSubscriptionRequest: { url: endpoint.url, secret: SECRET },
    });
    assert.ok(subscription.id);

    const questionnaire = await portal.questionnaires.getCurrentQuestionnaire({ lang: 'en' });
    assert.equal(questionnaire.questions.length, 21);
    const company = await portal.companies.registerCompany({
        companyRegistration: { name: 'Tipos Estrictos S.L.', sector: 'retail', country: 'ES', employees: 120 },
    });
    const assessment = await portal.assessments.startAssessment({ companyId: company.id });
    for (const question of questionnaire.questions) {
        await portal.assessments.recordAnswer({
            assessmentId: assessment.id, questionId: question.id, answer: answerOfLevel(question, 3),
        });
    }
    const submitted = await portal.assessments.submitAssessment({ assessmentId: assessment.id });
    assert.equal(submitted.status, 'SUBMITTED');

    const maturity = await eventually(async () => {
        const now = await portal.maturity.getMaturity({ companyId: company.id, lang: 'en' });
        assert.equal(now.answered, 21);
        return now;
    });
    assert.equal(maturity.determinate, true);
    assert.equal(maturity.phase, 3);

    const advice = await eventually(async () => {
        const page = await portal.advice.listAdvice({ companyId: company.id, lang: 'en' });
        const onThePhaseChange = page.items.find((item) => item.trigger.toPhase === 3);
        assert.ok(onThePhaseChange, 'advice is issued on the phase change');
        return onThePhaseChange;
    });
    assert.ok(advice.items.length > 0);

    const delivery = await eventually(async () => {
        const found = endpoint.deliveries.find((d) => d.headers['x-event-type'] === 'MaturityPhaseChanged');
        assert.ok(found, 'the phase change reaches the webhook');
        return found;
    });
    assert.equal(verifyWebhookSignature(SECRET, delivery.body, delivery.headers[SIGNATURE_HEADER.toLowerCase()]), true);
    assert.equal(JSON.parse(delivery.body.toString('utf8')).data.companyId, company.id);

    // Another partner's company does not exist for this one: a 404 problem, thrown as a ResponseError.
    const stranger = await operator.partners.createPartner({ partnerRegistration: { name: 'Other portal' } });
    const other = platform({ baseUrl: GATEWAY, apiKey: stranger.apiKey });
    await assert.rejects(other.maturity.getMaturity({ companyId: company.id }),
        (error) => error instanceof ResponseError && error.response.status === 404);
});
