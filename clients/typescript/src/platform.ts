import {
    AdviceApi,
    AssessmentsApi,
    CompaniesApi,
    Configuration,
    ImportsApi,
    MaturityApi,
    OperationsApi,
    PartnersApi,
    QuestionnairesApi,
    ReportApi,
    TrajectoryAndHistoryApi,
    WebhooksApi,
} from './generated';

/** Who calls: a partner portal with its API key, or the operator with the admin key. */
export interface Credentials {
    /** The gateway, such as `https://api.social-maturity.example.com` (without `/api/v1`). */
    baseUrl: string;
    /** A partner's `X-API-Key`. */
    apiKey?: string;
    /** The operator's `X-Admin-Key`, for partner administration and the operations endpoints. */
    adminKey?: string;
    /** Names the portal's user in every event it causes (`X-Actor`, personal data). */
    actor?: string;
}

/** Every API of the platform, configured once for one caller. */
export function platform(credentials: Credentials) {
    const configuration = new Configuration({
        basePath: credentials.baseUrl.replace(/\/+$/, ''),
        apiKey: (header: string) => (header === 'X-Admin-Key' ? credentials.adminKey : credentials.apiKey) ?? '',
        headers: credentials.actor ? { 'X-Actor': credentials.actor } : undefined,
    });
    return {
        partners: new PartnersApi(configuration),
        companies: new CompaniesApi(configuration),
        questionnaires: new QuestionnairesApi(configuration),
        assessments: new AssessmentsApi(configuration),
        maturity: new MaturityApi(configuration),
        history: new TrajectoryAndHistoryApi(configuration),
        advice: new AdviceApi(configuration),
        webhooks: new WebhooksApi(configuration),
        imports: new ImportsApi(configuration),
        reports: new ReportApi(configuration),
        operations: new OperationsApi(configuration),
    };
}

export type Platform = ReturnType<typeof platform>;
