// Generated from the server's OpenAPI document by `npm run gen:api`. Do not edit.

export interface paths {
    "/api/v1/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string & (unknown & unknown);
                        email: string;
                        password: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                id: number;
                                username: string;
                                email: string;
                                pending_email: string | null;
                                name: string;
                                company: string | null;
                                phone: string | null;
                                address: string | null;
                                city: string | null;
                                state: string | null;
                                zip: string | null;
                                country: string | null;
                                timezone: string | null;
                                currency: string;
                                checkout_language: string;
                                /** @enum {string} */
                                plan: "starter" | "growth" | "professional" | "enterprise";
                                active: boolean;
                                support_code: string;
                                security_question: string | null;
                                has_security_answer: boolean;
                                created_at: string;
                            };
                            csrf_token: string;
                            must_change_password: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in by email or username */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        login: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                id: number;
                                username: string;
                                email: string;
                                pending_email: string | null;
                                name: string;
                                company: string | null;
                                phone: string | null;
                                address: string | null;
                                city: string | null;
                                state: string | null;
                                zip: string | null;
                                country: string | null;
                                timezone: string | null;
                                currency: string;
                                checkout_language: string;
                                /** @enum {string} */
                                plan: "starter" | "growth" | "professional" | "enterprise";
                                active: boolean;
                                support_code: string;
                                security_question: string | null;
                                has_security_answer: boolean;
                                created_at: string;
                            };
                            csrf_token: string;
                            must_change_password: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current session */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                id: number;
                                username: string;
                                email: string;
                                pending_email: string | null;
                                name: string;
                                company: string | null;
                                phone: string | null;
                                address: string | null;
                                city: string | null;
                                state: string | null;
                                zip: string | null;
                                country: string | null;
                                timezone: string | null;
                                currency: string;
                                checkout_language: string;
                                /** @enum {string} */
                                plan: "starter" | "growth" | "professional" | "enterprise";
                                active: boolean;
                                support_code: string;
                                security_question: string | null;
                                has_security_answer: boolean;
                                created_at: string;
                            };
                            csrf_token: string;
                            must_change_password: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a password reset link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/password-reset/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeem a reset link for a temporary password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            temporary_password: string;
                            login: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                id: number;
                                username: string;
                                email: string;
                                pending_email: string | null;
                                name: string;
                                company: string | null;
                                phone: string | null;
                                address: string | null;
                                city: string | null;
                                state: string | null;
                                zip: string | null;
                                country: string | null;
                                timezone: string | null;
                                currency: string;
                                checkout_language: string;
                                /** @enum {string} */
                                plan: "starter" | "growth" | "professional" | "enterprise";
                                active: boolean;
                                support_code: string;
                                security_question: string | null;
                                has_security_answer: boolean;
                                created_at: string;
                            };
                            csrf_token: string;
                            must_change_password: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The profile */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            email: string;
                            pending_email: string | null;
                            name: string;
                            company: string | null;
                            phone: string | null;
                            address: string | null;
                            city: string | null;
                            state: string | null;
                            zip: string | null;
                            country: string | null;
                            timezone: string | null;
                            currency: string;
                            checkout_language: string;
                            /** @enum {string} */
                            plan: "starter" | "growth" | "professional" | "enterprise";
                            active: boolean;
                            support_code: string;
                            security_question: string | null;
                            has_security_answer: boolean;
                            created_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the profile and settings */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        company?: string | null;
                        phone?: string | null;
                        address?: string | null;
                        city?: string | null;
                        state?: string | null;
                        zip?: string | null;
                        country?: string | null;
                        timezone?: string | null;
                        /** @enum {string} */
                        currency?: "USD" | "EUR" | "GBP" | "AUD" | "CAD" | "NZD" | "CHF" | "SEK" | "NOK" | "DKK" | "PLN" | "CZK" | "HUF" | "JPY" | "HKD" | "SGD" | "MXN" | "BRL" | "ZAR" | "INR" | "ILS";
                        /** @enum {string} */
                        checkout_language?: "af" | "ar" | "bg" | "zh" | "cs" | "da" | "nl" | "en" | "fi" | "fr" | "de" | "he" | "hi" | "it" | "ms" | "no" | "pl" | "pt" | "ro" | "ru" | "sk" | "es" | "sv" | "th" | "auto";
                        email?: string;
                        security_question?: string;
                        security_answer?: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            email: string;
                            pending_email: string | null;
                            name: string;
                            company: string | null;
                            phone: string | null;
                            address: string | null;
                            city: string | null;
                            state: string | null;
                            zip: string | null;
                            country: string | null;
                            timezone: string | null;
                            currency: string;
                            checkout_language: string;
                            /** @enum {string} */
                            plan: "starter" | "growth" | "professional" | "enterprise";
                            active: boolean;
                            support_code: string;
                            security_question: string | null;
                            has_security_answer: boolean;
                            created_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/email-change/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a new email address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            email: string;
                            pending_email: string | null;
                            name: string;
                            company: string | null;
                            phone: string | null;
                            address: string | null;
                            city: string | null;
                            state: string | null;
                            zip: string | null;
                            country: string | null;
                            timezone: string | null;
                            currency: string;
                            checkout_language: string;
                            /** @enum {string} */
                            plan: "starter" | "growth" | "professional" | "enterprise";
                            active: boolean;
                            support_code: string;
                            security_question: string | null;
                            has_security_answer: boolean;
                            created_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/support-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Regenerate the support code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            support_code: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Currencies and checkout languages an account may choose */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currencies: {
                                code: string;
                                name: string;
                            }[];
                            languages: {
                                code: string;
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Personal access tokens */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: {
                                id: number;
                                name: string;
                                created_at: string;
                                last_used_at: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a personal access token (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plans and their limits (null = unlimited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plans: {
                                /** @enum {string} */
                                id: "starter" | "growth" | "professional" | "enterprise";
                                name: string;
                                limits: {
                                    [key: string]: number | boolean | null;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's plan, limits and this month's usage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plan: {
                                /** @enum {string} */
                                id: "starter" | "growth" | "professional" | "enterprise";
                                name: string;
                            };
                            limits: {
                                [key: string]: number | boolean | null;
                            };
                            usage: {
                                [key: string]: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dev/mailbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mails caught by the dev mailbox, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messages: {
                                to: string;
                                subject: string;
                                text: string;
                                html: string | null;
                                created_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List leads (search, filters, cursor pages) */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    tag?: string;
                    list?: string;
                    blocked?: "true" | "false";
                    gdpr?: "consented" | "not_consented" | "unknown";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            leads: {
                                id: number;
                                email: string;
                                first_name: string | null;
                                middle_name: string | null;
                                last_name: string | null;
                                last_name2: string | null;
                                phone: string | null;
                                phone_country_code: string | null;
                                company: string | null;
                                address: string | null;
                                city: string | null;
                                zip: string | null;
                                state: string | null;
                                country: string | null;
                                website: string | null;
                                facebook: string | null;
                                twitter: string | null;
                                linkedin: string | null;
                                ip: string | null;
                                lead_preferred_time_zone: string | null;
                                sales_tax_id: string | null;
                                notes: string | null;
                                custom_fields: {
                                    [key: string]: string | string[] | null;
                                };
                                tags: {
                                    id: number;
                                    name: string;
                                }[];
                                lists: {
                                    id: number;
                                    name: string;
                                    /** @enum {string} */
                                    status: "subscribed" | "unsubscribed";
                                    subscribed_at: string;
                                    unsubscribed_at: string | null;
                                }[];
                                memberships: {
                                    membership_id: number;
                                    membership_name: string;
                                    level_id: number;
                                    level_name: string | null;
                                    /** @enum {string} */
                                    status: "active" | "revoked";
                                    granted_at: string;
                                    revoked_at: string | null;
                                    source: string;
                                    source_id: string | null;
                                }[];
                                score: number;
                                source: string;
                                source_id: string | null;
                                blocked: boolean;
                                gdpr: {
                                    /** @enum {string} */
                                    status: "consented" | "not_consented" | "unknown";
                                    date: string | null;
                                    ip: string | null;
                                };
                                created_at: string;
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a lead */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        first_name?: string | null;
                        middle_name?: string | null;
                        last_name?: string | null;
                        last_name2?: string | null;
                        phone?: string | null;
                        phone_country_code?: string | null;
                        company?: string | null;
                        address?: string | null;
                        city?: string | null;
                        zip?: string | null;
                        state?: string | null;
                        country?: string | null;
                        website?: string | null;
                        facebook?: string | null;
                        twitter?: string | null;
                        linkedin?: string | null;
                        ip?: string | null;
                        lead_preferred_time_zone?: string | null;
                        sales_tax_id?: string | null;
                        notes?: string | null;
                        custom_fields?: {
                            [key: string]: string | string[] | null;
                        };
                        tags?: string[];
                        lists?: string[];
                        score?: number;
                        blocked?: boolean;
                        gdpr?: {
                            /** @enum {string} */
                            status: "consented" | "not_consented" | "unknown";
                            date?: string | null;
                            ip?: string | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            first_name: string | null;
                            middle_name: string | null;
                            last_name: string | null;
                            last_name2: string | null;
                            phone: string | null;
                            phone_country_code: string | null;
                            company: string | null;
                            address: string | null;
                            city: string | null;
                            zip: string | null;
                            state: string | null;
                            country: string | null;
                            website: string | null;
                            facebook: string | null;
                            twitter: string | null;
                            linkedin: string | null;
                            ip: string | null;
                            lead_preferred_time_zone: string | null;
                            sales_tax_id: string | null;
                            notes: string | null;
                            custom_fields: {
                                [key: string]: string | string[] | null;
                            };
                            tags: {
                                id: number;
                                name: string;
                            }[];
                            lists: {
                                id: number;
                                name: string;
                                /** @enum {string} */
                                status: "subscribed" | "unsubscribed";
                                subscribed_at: string;
                                unsubscribed_at: string | null;
                            }[];
                            memberships: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                            }[];
                            score: number;
                            source: string;
                            source_id: string | null;
                            blocked: boolean;
                            gdpr: {
                                /** @enum {string} */
                                status: "consented" | "not_consented" | "unknown";
                                date: string | null;
                                ip: string | null;
                            };
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the filtered leads as CSV (formula-safe) */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    tag?: string;
                    list?: string;
                    blocked?: "true" | "false";
                    gdpr?: "consented" | "not_consented" | "unknown";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tag, untag, subscribe, unsubscribe, block, unblock or delete many leads */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids: number[];
                        /** @enum {string} */
                        action: "tag" | "untag" | "subscribe" | "unsubscribe" | "block" | "unblock" | "delete";
                        tag?: string;
                        list?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            affected: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lead with its latest timeline entries */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            first_name: string | null;
                            middle_name: string | null;
                            last_name: string | null;
                            last_name2: string | null;
                            phone: string | null;
                            phone_country_code: string | null;
                            company: string | null;
                            address: string | null;
                            city: string | null;
                            zip: string | null;
                            state: string | null;
                            country: string | null;
                            website: string | null;
                            facebook: string | null;
                            twitter: string | null;
                            linkedin: string | null;
                            ip: string | null;
                            lead_preferred_time_zone: string | null;
                            sales_tax_id: string | null;
                            notes: string | null;
                            custom_fields: {
                                [key: string]: string | string[] | null;
                            };
                            tags: {
                                id: number;
                                name: string;
                            }[];
                            lists: {
                                id: number;
                                name: string;
                                /** @enum {string} */
                                status: "subscribed" | "unsubscribed";
                                subscribed_at: string;
                                unsubscribed_at: string | null;
                            }[];
                            memberships: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                            }[];
                            score: number;
                            source: string;
                            source_id: string | null;
                            blocked: boolean;
                            gdpr: {
                                /** @enum {string} */
                                status: "consented" | "not_consented" | "unknown";
                                date: string | null;
                                ip: string | null;
                            };
                            created_at: string;
                            updated_at: string;
                            timeline: {
                                id: number;
                                at: string;
                                kind: string;
                                source: string;
                                source_id: string | null;
                                detail: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a lead (soft: re-creating its email restores it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a lead */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string;
                        first_name?: string | null;
                        middle_name?: string | null;
                        last_name?: string | null;
                        last_name2?: string | null;
                        phone?: string | null;
                        phone_country_code?: string | null;
                        company?: string | null;
                        address?: string | null;
                        city?: string | null;
                        zip?: string | null;
                        state?: string | null;
                        country?: string | null;
                        website?: string | null;
                        facebook?: string | null;
                        twitter?: string | null;
                        linkedin?: string | null;
                        ip?: string | null;
                        lead_preferred_time_zone?: string | null;
                        sales_tax_id?: string | null;
                        notes?: string | null;
                        custom_fields?: {
                            [key: string]: string | string[] | null;
                        };
                        score?: number;
                        blocked?: boolean;
                        gdpr?: {
                            /** @enum {string} */
                            status: "consented" | "not_consented" | "unknown";
                            date?: string | null;
                            ip?: string | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            first_name: string | null;
                            middle_name: string | null;
                            last_name: string | null;
                            last_name2: string | null;
                            phone: string | null;
                            phone_country_code: string | null;
                            company: string | null;
                            address: string | null;
                            city: string | null;
                            zip: string | null;
                            state: string | null;
                            country: string | null;
                            website: string | null;
                            facebook: string | null;
                            twitter: string | null;
                            linkedin: string | null;
                            ip: string | null;
                            lead_preferred_time_zone: string | null;
                            sales_tax_id: string | null;
                            notes: string | null;
                            custom_fields: {
                                [key: string]: string | string[] | null;
                            };
                            tags: {
                                id: number;
                                name: string;
                            }[];
                            lists: {
                                id: number;
                                name: string;
                                /** @enum {string} */
                                status: "subscribed" | "unsubscribed";
                                subscribed_at: string;
                                unsubscribed_at: string | null;
                            }[];
                            memberships: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                            }[];
                            score: number;
                            source: string;
                            source_id: string | null;
                            blocked: boolean;
                            gdpr: {
                                /** @enum {string} */
                                status: "consented" | "not_consented" | "unknown";
                                date: string | null;
                                ip: string | null;
                            };
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/leads/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What happened to a lead and why, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                id: number;
                                at: string;
                                kind: string;
                                source: string;
                                source_id: string | null;
                                detail: {
                                    [key: string]: unknown;
                                };
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tag a lead (the tag is created if missing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tag: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            first_name: string | null;
                            middle_name: string | null;
                            last_name: string | null;
                            last_name2: string | null;
                            phone: string | null;
                            phone_country_code: string | null;
                            company: string | null;
                            address: string | null;
                            city: string | null;
                            zip: string | null;
                            state: string | null;
                            country: string | null;
                            website: string | null;
                            facebook: string | null;
                            twitter: string | null;
                            linkedin: string | null;
                            ip: string | null;
                            lead_preferred_time_zone: string | null;
                            sales_tax_id: string | null;
                            notes: string | null;
                            custom_fields: {
                                [key: string]: string | string[] | null;
                            };
                            tags: {
                                id: number;
                                name: string;
                            }[];
                            lists: {
                                id: number;
                                name: string;
                                /** @enum {string} */
                                status: "subscribed" | "unsubscribed";
                                subscribed_at: string;
                                unsubscribed_at: string | null;
                            }[];
                            memberships: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                            }[];
                            score: number;
                            source: string;
                            source_id: string | null;
                            blocked: boolean;
                            gdpr: {
                                /** @enum {string} */
                                status: "consented" | "not_consented" | "unknown";
                                date: string | null;
                                ip: string | null;
                            };
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/{id}/tags/{tag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Untag a lead (tag by id or name) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    tag: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            first_name: string | null;
                            middle_name: string | null;
                            last_name: string | null;
                            last_name2: string | null;
                            phone: string | null;
                            phone_country_code: string | null;
                            company: string | null;
                            address: string | null;
                            city: string | null;
                            zip: string | null;
                            state: string | null;
                            country: string | null;
                            website: string | null;
                            facebook: string | null;
                            twitter: string | null;
                            linkedin: string | null;
                            ip: string | null;
                            lead_preferred_time_zone: string | null;
                            sales_tax_id: string | null;
                            notes: string | null;
                            custom_fields: {
                                [key: string]: string | string[] | null;
                            };
                            tags: {
                                id: number;
                                name: string;
                            }[];
                            lists: {
                                id: number;
                                name: string;
                                /** @enum {string} */
                                status: "subscribed" | "unsubscribed";
                                subscribed_at: string;
                                unsubscribed_at: string | null;
                            }[];
                            memberships: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                            }[];
                            score: number;
                            source: string;
                            source_id: string | null;
                            blocked: boolean;
                            gdpr: {
                                /** @enum {string} */
                                status: "consented" | "not_consented" | "unknown";
                                date: string | null;
                                ip: string | null;
                            };
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/{id}/lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Subscribe a lead to a list (created if missing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        list: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            first_name: string | null;
                            middle_name: string | null;
                            last_name: string | null;
                            last_name2: string | null;
                            phone: string | null;
                            phone_country_code: string | null;
                            company: string | null;
                            address: string | null;
                            city: string | null;
                            zip: string | null;
                            state: string | null;
                            country: string | null;
                            website: string | null;
                            facebook: string | null;
                            twitter: string | null;
                            linkedin: string | null;
                            ip: string | null;
                            lead_preferred_time_zone: string | null;
                            sales_tax_id: string | null;
                            notes: string | null;
                            custom_fields: {
                                [key: string]: string | string[] | null;
                            };
                            tags: {
                                id: number;
                                name: string;
                            }[];
                            lists: {
                                id: number;
                                name: string;
                                /** @enum {string} */
                                status: "subscribed" | "unsubscribed";
                                subscribed_at: string;
                                unsubscribed_at: string | null;
                            }[];
                            memberships: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                            }[];
                            score: number;
                            source: string;
                            source_id: string | null;
                            blocked: boolean;
                            gdpr: {
                                /** @enum {string} */
                                status: "consented" | "not_consented" | "unknown";
                                date: string | null;
                                ip: string | null;
                            };
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/{id}/lists/{list}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unsubscribe a lead from a list (by id or name) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    list: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string;
                            first_name: string | null;
                            middle_name: string | null;
                            last_name: string | null;
                            last_name2: string | null;
                            phone: string | null;
                            phone_country_code: string | null;
                            company: string | null;
                            address: string | null;
                            city: string | null;
                            zip: string | null;
                            state: string | null;
                            country: string | null;
                            website: string | null;
                            facebook: string | null;
                            twitter: string | null;
                            linkedin: string | null;
                            ip: string | null;
                            lead_preferred_time_zone: string | null;
                            sales_tax_id: string | null;
                            notes: string | null;
                            custom_fields: {
                                [key: string]: string | string[] | null;
                            };
                            tags: {
                                id: number;
                                name: string;
                            }[];
                            lists: {
                                id: number;
                                name: string;
                                /** @enum {string} */
                                status: "subscribed" | "unsubscribed";
                                subscribed_at: string;
                                unsubscribed_at: string | null;
                            }[];
                            memberships: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                            }[];
                            score: number;
                            source: string;
                            source_id: string | null;
                            blocked: boolean;
                            gdpr: {
                                /** @enum {string} */
                                status: "consented" | "not_consented" | "unknown";
                                date: string | null;
                                ip: string | null;
                            };
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All tags with their lead counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tags: {
                                id: number;
                                name: string;
                                leads: number;
                                created_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a tag */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            leads: number;
                            created_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a tag (unlinks it from every lead) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a tag */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            leads: number;
                            created_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All lists with their lead counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lists: {
                                id: number;
                                name: string;
                                leads: number;
                                created_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a list */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            leads: number;
                            created_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lists/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a list (unlinks it from every lead) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a list */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            leads: number;
                            created_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Custom fields and their options */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            custom_fields: {
                                id: number;
                                identifier: string;
                                label: string;
                                /** @enum {string} */
                                type: "input_field" | "text_area" | "drop_down" | "radio_button" | "checkbox";
                                options: {
                                    id: number;
                                    value: string;
                                }[];
                                created_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a custom field */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        identifier: string;
                        label?: string;
                        /** @enum {string} */
                        type: "input_field" | "text_area" | "drop_down" | "radio_button" | "checkbox";
                        options?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            identifier: string;
                            label: string;
                            /** @enum {string} */
                            type: "input_field" | "text_area" | "drop_down" | "radio_button" | "checkbox";
                            options: {
                                id: number;
                                value: string;
                            }[];
                            created_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/custom-fields/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a custom field */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a custom field or add options */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label?: string;
                        add_options?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            identifier: string;
                            label: string;
                            /** @enum {string} */
                            type: "input_field" | "text_area" | "drop_down" | "radio_button" | "checkbox";
                            options: {
                                id: number;
                                value: string;
                            }[];
                            created_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest 100 imports */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            imports: {
                                id: number;
                                /** @enum {string} */
                                status: "queued" | "running" | "completed" | "failed" | "cancelled";
                                file_name: string;
                                encoding: string;
                                delimiter: string;
                                columns: string[];
                                options: {
                                    mapping: {
                                        [key: string]: string | null;
                                    };
                                    tags: string[];
                                    lists: string[];
                                    /** @enum {string} */
                                    gdpr: "consented" | "not_consented" | "unknown";
                                    update_existing: boolean;
                                };
                                total_rows: number;
                                processed_rows: number;
                                created: number;
                                updated: number;
                                skipped: number;
                                duplicates: number;
                                failed: number;
                                blocked: number;
                                error_count: number;
                                errors: {
                                    row: number;
                                    email: string | null;
                                    message: string;
                                }[];
                                error: string | null;
                                created_at: string;
                                started_at: string | null;
                                finished_at: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Start an import (multipart `file` + `options` JSON); it runs in the background */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {string} */
                            status: "queued" | "running" | "completed" | "failed" | "cancelled";
                            file_name: string;
                            encoding: string;
                            delimiter: string;
                            columns: string[];
                            options: {
                                mapping: {
                                    [key: string]: string | null;
                                };
                                tags: string[];
                                lists: string[];
                                /** @enum {string} */
                                gdpr: "consented" | "not_consented" | "unknown";
                                update_existing: boolean;
                            };
                            total_rows: number;
                            processed_rows: number;
                            created: number;
                            updated: number;
                            skipped: number;
                            duplicates: number;
                            failed: number;
                            blocked: number;
                            error_count: number;
                            errors: {
                                row: number;
                                email: string | null;
                                message: string;
                            }[];
                            error: string | null;
                            created_at: string;
                            started_at: string | null;
                            finished_at: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a column can be mapped to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            fields: {
                                value: string;
                                label: string;
                                /** @enum {string} */
                                kind: "standard" | "special" | "custom";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read a CSV: header, columns with data, sample rows, suggested mapping (multipart `file`) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            file_name: string;
                            /** @enum {string} */
                            encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
                            delimiter: string;
                            columns: string[];
                            data_columns: number;
                            max_data_columns: number | null;
                            total_rows: number;
                            suggested_mapping: {
                                [key: string]: string | null;
                            };
                            sample_rows: string[][];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress and result of an import */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {string} */
                            status: "queued" | "running" | "completed" | "failed" | "cancelled";
                            file_name: string;
                            encoding: string;
                            delimiter: string;
                            columns: string[];
                            options: {
                                mapping: {
                                    [key: string]: string | null;
                                };
                                tags: string[];
                                lists: string[];
                                /** @enum {string} */
                                gdpr: "consented" | "not_consented" | "unknown";
                                update_existing: boolean;
                            };
                            total_rows: number;
                            processed_rows: number;
                            created: number;
                            updated: number;
                            skipped: number;
                            duplicates: number;
                            failed: number;
                            blocked: number;
                            error_count: number;
                            errors: {
                                row: number;
                                email: string | null;
                                message: string;
                            }[];
                            error: string | null;
                            created_at: string;
                            started_at: string | null;
                            finished_at: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Cancel a queued or running import */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {string} */
                            status: "queued" | "running" | "completed" | "failed" | "cancelled";
                            file_name: string;
                            encoding: string;
                            delimiter: string;
                            columns: string[];
                            options: {
                                mapping: {
                                    [key: string]: string | null;
                                };
                                tags: string[];
                                lists: string[];
                                /** @enum {string} */
                                gdpr: "consented" | "not_consented" | "unknown";
                                update_existing: boolean;
                            };
                            total_rows: number;
                            processed_rows: number;
                            created: number;
                            updated: number;
                            skipped: number;
                            duplicates: number;
                            failed: number;
                            blocked: number;
                            error_count: number;
                            errors: {
                                row: number;
                                email: string | null;
                                message: string;
                            }[];
                            error: string | null;
                            created_at: string;
                            started_at: string | null;
                            finished_at: string | null;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/errors.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rows that were not imported, with the reason, as a CSV to fix and re-import */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All automations, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            automations: {
                                id: number;
                                name: string;
                                active: boolean;
                                trigger: {
                                    /** @enum {string} */
                                    type: "tag_applied";
                                    tag_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "tag_removed";
                                    tag_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "list_subscribed";
                                    list_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "list_unsubscribed";
                                    list_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "lead_created";
                                } | {
                                    /** @enum {string} */
                                    type: "form_submitted";
                                    form_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "product_purchased";
                                    product_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "subscription_cancelled";
                                    product_id: number;
                                };
                                steps: ({
                                    /** @enum {string} */
                                    type: "grant_membership";
                                    membership_id: number;
                                    level_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "revoke_membership";
                                    membership_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "apply_tag";
                                    tag_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "remove_tag";
                                    tag_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "subscribe_list";
                                    list_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "unsubscribe_list";
                                    list_id: number;
                                } | {
                                    /** @enum {string} */
                                    type: "send_email";
                                    subject: string;
                                    body: string;
                                } | {
                                    /** @enum {string} */
                                    type: "wait";
                                    minutes?: number;
                                    hours?: number;
                                    days?: number;
                                } | {
                                    /** @enum {string} */
                                    type: "webhook";
                                    /** Format: uri */
                                    url: string;
                                })[];
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an automation: a trigger and steps run in order for each lead that triggers it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default true */
                        active?: boolean;
                        trigger: {
                            /** @enum {string} */
                            type: "tag_applied";
                            tag_id: number;
                        } | {
                            /** @enum {string} */
                            type: "tag_removed";
                            tag_id: number;
                        } | {
                            /** @enum {string} */
                            type: "list_subscribed";
                            list_id: number;
                        } | {
                            /** @enum {string} */
                            type: "list_unsubscribed";
                            list_id: number;
                        } | {
                            /** @enum {string} */
                            type: "lead_created";
                        } | {
                            /** @enum {string} */
                            type: "form_submitted";
                            form_id: number;
                        } | {
                            /** @enum {string} */
                            type: "product_purchased";
                            product_id: number;
                        } | {
                            /** @enum {string} */
                            type: "subscription_cancelled";
                            product_id: number;
                        };
                        steps: ({
                            /** @enum {string} */
                            type: "grant_membership";
                            membership_id: number;
                            level_id: number;
                        } | {
                            /** @enum {string} */
                            type: "revoke_membership";
                            membership_id: number;
                        } | {
                            /** @enum {string} */
                            type: "apply_tag";
                            tag_id: number;
                        } | {
                            /** @enum {string} */
                            type: "remove_tag";
                            tag_id: number;
                        } | {
                            /** @enum {string} */
                            type: "subscribe_list";
                            list_id: number;
                        } | {
                            /** @enum {string} */
                            type: "unsubscribe_list";
                            list_id: number;
                        } | {
                            /** @enum {string} */
                            type: "send_email";
                            subject: string;
                            body: string;
                        } | {
                            /** @enum {string} */
                            type: "wait";
                            minutes?: number;
                            hours?: number;
                            days?: number;
                        } | {
                            /** @enum {string} */
                            type: "webhook";
                            url: string;
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            active: boolean;
                            trigger: {
                                /** @enum {string} */
                                type: "tag_applied";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "tag_removed";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "list_subscribed";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "list_unsubscribed";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "lead_created";
                            } | {
                                /** @enum {string} */
                                type: "form_submitted";
                                form_id: number;
                            } | {
                                /** @enum {string} */
                                type: "product_purchased";
                                product_id: number;
                            } | {
                                /** @enum {string} */
                                type: "subscription_cancelled";
                                product_id: number;
                            };
                            steps: ({
                                /** @enum {string} */
                                type: "grant_membership";
                                membership_id: number;
                                level_id: number;
                            } | {
                                /** @enum {string} */
                                type: "revoke_membership";
                                membership_id: number;
                            } | {
                                /** @enum {string} */
                                type: "apply_tag";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "remove_tag";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "subscribe_list";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "unsubscribe_list";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "send_email";
                                subject: string;
                                body: string;
                            } | {
                                /** @enum {string} */
                                type: "wait";
                                minutes?: number;
                                hours?: number;
                                days?: number;
                            } | {
                                /** @enum {string} */
                                type: "webhook";
                                /** Format: uri */
                                url: string;
                            })[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An automation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            active: boolean;
                            trigger: {
                                /** @enum {string} */
                                type: "tag_applied";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "tag_removed";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "list_subscribed";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "list_unsubscribed";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "lead_created";
                            } | {
                                /** @enum {string} */
                                type: "form_submitted";
                                form_id: number;
                            } | {
                                /** @enum {string} */
                                type: "product_purchased";
                                product_id: number;
                            } | {
                                /** @enum {string} */
                                type: "subscription_cancelled";
                                product_id: number;
                            };
                            steps: ({
                                /** @enum {string} */
                                type: "grant_membership";
                                membership_id: number;
                                level_id: number;
                            } | {
                                /** @enum {string} */
                                type: "revoke_membership";
                                membership_id: number;
                            } | {
                                /** @enum {string} */
                                type: "apply_tag";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "remove_tag";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "subscribe_list";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "unsubscribe_list";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "send_email";
                                subject: string;
                                body: string;
                            } | {
                                /** @enum {string} */
                                type: "wait";
                                minutes?: number;
                                hours?: number;
                                days?: number;
                            } | {
                                /** @enum {string} */
                                type: "webhook";
                                /** Format: uri */
                                url: string;
                            })[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an automation (its runs stay in the log) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change, pause (active: false) or resume an automation */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        active?: boolean;
                        trigger?: {
                            /** @enum {string} */
                            type: "tag_applied";
                            tag_id: number;
                        } | {
                            /** @enum {string} */
                            type: "tag_removed";
                            tag_id: number;
                        } | {
                            /** @enum {string} */
                            type: "list_subscribed";
                            list_id: number;
                        } | {
                            /** @enum {string} */
                            type: "list_unsubscribed";
                            list_id: number;
                        } | {
                            /** @enum {string} */
                            type: "lead_created";
                        } | {
                            /** @enum {string} */
                            type: "form_submitted";
                            form_id: number;
                        } | {
                            /** @enum {string} */
                            type: "product_purchased";
                            product_id: number;
                        } | {
                            /** @enum {string} */
                            type: "subscription_cancelled";
                            product_id: number;
                        };
                        steps?: ({
                            /** @enum {string} */
                            type: "grant_membership";
                            membership_id: number;
                            level_id: number;
                        } | {
                            /** @enum {string} */
                            type: "revoke_membership";
                            membership_id: number;
                        } | {
                            /** @enum {string} */
                            type: "apply_tag";
                            tag_id: number;
                        } | {
                            /** @enum {string} */
                            type: "remove_tag";
                            tag_id: number;
                        } | {
                            /** @enum {string} */
                            type: "subscribe_list";
                            list_id: number;
                        } | {
                            /** @enum {string} */
                            type: "unsubscribe_list";
                            list_id: number;
                        } | {
                            /** @enum {string} */
                            type: "send_email";
                            subject: string;
                            body: string;
                        } | {
                            /** @enum {string} */
                            type: "wait";
                            minutes?: number;
                            hours?: number;
                            days?: number;
                        } | {
                            /** @enum {string} */
                            type: "webhook";
                            url: string;
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            active: boolean;
                            trigger: {
                                /** @enum {string} */
                                type: "tag_applied";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "tag_removed";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "list_subscribed";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "list_unsubscribed";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "lead_created";
                            } | {
                                /** @enum {string} */
                                type: "form_submitted";
                                form_id: number;
                            } | {
                                /** @enum {string} */
                                type: "product_purchased";
                                product_id: number;
                            } | {
                                /** @enum {string} */
                                type: "subscription_cancelled";
                                product_id: number;
                            };
                            steps: ({
                                /** @enum {string} */
                                type: "grant_membership";
                                membership_id: number;
                                level_id: number;
                            } | {
                                /** @enum {string} */
                                type: "revoke_membership";
                                membership_id: number;
                            } | {
                                /** @enum {string} */
                                type: "apply_tag";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "remove_tag";
                                tag_id: number;
                            } | {
                                /** @enum {string} */
                                type: "subscribe_list";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "unsubscribe_list";
                                list_id: number;
                            } | {
                                /** @enum {string} */
                                type: "send_email";
                                subject: string;
                                body: string;
                            } | {
                                /** @enum {string} */
                                type: "wait";
                                minutes?: number;
                                hours?: number;
                                days?: number;
                            } | {
                                /** @enum {string} */
                                type: "webhook";
                                /** Format: uri */
                                url: string;
                            })[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/automation-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs, newest first, by status (pending, done, failed, dead, cancelled), automation or lead */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "done" | "failed" | "dead" | "cancelled";
                    automation_id?: number;
                    lead_id?: number;
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                id: number;
                                automation_id: number;
                                automation_name: string;
                                lead_id: number;
                                lead_email: string | null;
                                trigger: {
                                    type: string;
                                    event_id: number;
                                };
                                /** @enum {string} */
                                status: "pending" | "done" | "failed" | "dead" | "cancelled";
                                step: number;
                                steps: {
                                    index: number;
                                    type: string;
                                    done_at: string | null;
                                    detail: {
                                        [key: string]: unknown;
                                    } | null;
                                }[];
                                error: string | null;
                                attempts: number;
                                next_attempt_at: string | null;
                                resume_at: string | null;
                                chain: string[];
                                replayable: boolean;
                                created_at: string;
                                updated_at: string;
                                finished_at: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run with its steps */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            automation_id: number;
                            automation_name: string;
                            lead_id: number;
                            lead_email: string | null;
                            trigger: {
                                type: string;
                                event_id: number;
                            };
                            /** @enum {string} */
                            status: "pending" | "done" | "failed" | "dead" | "cancelled";
                            step: number;
                            steps: {
                                index: number;
                                type: string;
                                done_at: string | null;
                                detail: {
                                    [key: string]: unknown;
                                } | null;
                            }[];
                            error: string | null;
                            attempts: number;
                            next_attempt_at: string | null;
                            resume_at: string | null;
                            chain: string[];
                            replayable: boolean;
                            created_at: string;
                            updated_at: string;
                            finished_at: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation-runs/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the current step of a dead, failed or cancelled run again (a done step changes nothing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            automation_id: number;
                            automation_name: string;
                            lead_id: number;
                            lead_email: string | null;
                            trigger: {
                                type: string;
                                event_id: number;
                            };
                            /** @enum {string} */
                            status: "pending" | "done" | "failed" | "dead" | "cancelled";
                            step: number;
                            steps: {
                                index: number;
                                type: string;
                                done_at: string | null;
                                detail: {
                                    [key: string]: unknown;
                                } | null;
                            }[];
                            error: string | null;
                            attempts: number;
                            next_attempt_at: string | null;
                            resume_at: string | null;
                            chain: string[];
                            replayable: boolean;
                            created_at: string;
                            updated_at: string;
                            finished_at: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All memberships */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberships: {
                                id: number;
                                name: string;
                                slug: string;
                                levels: {
                                    id: number;
                                    name: string;
                                    position: number;
                                }[];
                                members: {
                                    active: number;
                                    revoked: number;
                                };
                                portal_url: string;
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a membership with its levels (in order) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        slug: string;
                        levels: {
                            name: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            slug: string;
                            levels: {
                                id: number;
                                name: string;
                                position: number;
                            }[];
                            members: {
                                active: number;
                                revoked: number;
                            };
                            portal_url: string;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A membership */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            slug: string;
                            levels: {
                                id: number;
                                name: string;
                                position: number;
                            }[];
                            members: {
                                active: number;
                                revoked: number;
                            };
                            portal_url: string;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a membership with its content and access records */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename, change the address, or rename/reorder/add/delete levels */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        slug?: string;
                        levels?: {
                            id?: number;
                            name: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            slug: string;
                            levels: {
                                id: number;
                                name: string;
                                position: number;
                            }[];
                            members: {
                                active: number;
                                revoked: number;
                            };
                            portal_url: string;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/memberships/{id}/tree": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Categories > subcategories > posts, in order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            membership_id: number;
                            categories: {
                                id: number;
                                name: string;
                                position: number;
                                subcategories: {
                                    id: number;
                                    name: string;
                                    position: number;
                                    category_id: number;
                                    posts: {
                                        id: number;
                                        subcategory_id: number;
                                        title: string;
                                        level_ids: number[];
                                        release_after_days: number;
                                        position: number;
                                    }[];
                                }[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/reorder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put categories, or the subcategories of a category, or the posts of a subcategory in order (moving items in) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "categories" | "subcategories" | "posts";
                        parent_id?: number;
                        ids: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            membership_id: number;
                            categories: {
                                id: number;
                                name: string;
                                position: number;
                                subcategories: {
                                    id: number;
                                    name: string;
                                    position: number;
                                    category_id: number;
                                    posts: {
                                        id: number;
                                        subcategory_id: number;
                                        title: string;
                                        level_ids: number[];
                                        release_after_days: number;
                                        position: number;
                                    }[];
                                }[];
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a category (last) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            position: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/categories/{categoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a category with its subcategories and posts */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    categoryId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a category */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    categoryId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            position: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/memberships/{id}/subcategories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a subcategory to a category (last) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category_id: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            position: number;
                            category_id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/subcategories/{subcategoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a subcategory with its posts */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    subcategoryId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a subcategory or move it to another category */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    subcategoryId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        category_id?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            position: number;
                            category_id: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/memberships/{id}/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a post (body sanitized; level_ids may read it; released N days after access) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        subcategory_id: number;
                        title: string;
                        /** @default  */
                        body?: string;
                        /** @default [] */
                        level_ids?: number[];
                        /** @default 0 */
                        release_after_days?: number;
                        video_url?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            subcategory_id: number;
                            title: string;
                            level_ids: number[];
                            release_after_days: number;
                            position: number;
                            membership_id: number;
                            body: string;
                            video_url: string | null;
                            video_embed_url: string | null;
                            files: {
                                id: number;
                                file_name: string;
                                content_type: string;
                                size: number;
                                created_at: string;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/posts/{postId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A post */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    postId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            subcategory_id: number;
                            title: string;
                            level_ids: number[];
                            release_after_days: number;
                            position: number;
                            membership_id: number;
                            body: string;
                            video_url: string | null;
                            video_embed_url: string | null;
                            files: {
                                id: number;
                                file_name: string;
                                content_type: string;
                                size: number;
                                created_at: string;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a post and its files */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    postId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a post */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    postId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        subcategory_id?: number;
                        title?: string;
                        body?: string;
                        level_ids?: number[];
                        release_after_days?: number;
                        video_url?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            subcategory_id: number;
                            title: string;
                            level_ids: number[];
                            release_after_days: number;
                            position: number;
                            membership_id: number;
                            body: string;
                            video_url: string | null;
                            video_embed_url: string | null;
                            files: {
                                id: number;
                                file_name: string;
                                content_type: string;
                                size: number;
                                created_at: string;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/memberships/{id}/posts/{postId}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attach a download to a post (multipart, part "file", up to 512 MB) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    postId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            file_name: string;
                            content_type: string;
                            size: number;
                            created_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/posts/{postId}/files/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a post file (owner preview) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    postId: number;
                    fileId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a post file */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    postId: number;
                    fileId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Leads with access (or revoked access), newest first */
        get: {
            parameters: {
                query?: {
                    status?: "active" | "revoked";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                                lead_id: number;
                                email: string;
                                first_name: string | null;
                                last_name: string | null;
                                password_set: boolean;
                                last_login_at: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant access by hand (lead_id, or email: the lead is created if missing); mails the welcome */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lead_id?: number;
                        email?: string;
                        level?: number | string;
                        level_id?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            membership_id: number;
                            membership_name: string;
                            level_id: number;
                            level_name: string | null;
                            /** @enum {string} */
                            status: "active" | "revoked";
                            granted_at: string;
                            revoked_at: string | null;
                            source: string;
                            source_id: string | null;
                            lead_id: number;
                            /** @enum {string} */
                            change: "granted" | "regranted" | "level_changed" | "revoked" | "unchanged";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memberships/{id}/access/{leadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke access at once (billing is not touched) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    leadId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            membership_id: number;
                            membership_name: string;
                            level_id: number;
                            level_name: string | null;
                            /** @enum {string} */
                            status: "active" | "revoked";
                            granted_at: string;
                            revoked_at: string | null;
                            source: string;
                            source_id: string | null;
                            lead_id: number;
                            /** @enum {string} */
                            change: "granted" | "regranted" | "level_changed" | "revoked" | "unchanged";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/{id}/memberships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lead's memberships (active and revoked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberships: {
                                membership_id: number;
                                membership_name: string;
                                level_id: number;
                                level_name: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                                granted_at: string;
                                revoked_at: string | null;
                                source: string;
                                source_id: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All products with their prices */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            products: {
                                id: number;
                                name: string;
                                slug: string;
                                description: string;
                                image_url: string | null;
                                tag: string;
                                tag_id: number;
                                thank_you_url: string | null;
                                /** @enum {string} */
                                gateway: "sandbox" | "stripe";
                                checkout_language: string | null;
                                ask_gdpr_consent: boolean;
                                active: boolean;
                                checkout_url: string;
                                prices: {
                                    id: number;
                                    /** @enum {string} */
                                    type: "one_time" | "subscription" | "payment_plan";
                                    amount: number;
                                    currency: string;
                                    interval: ("day" | "week" | "month" | "year") | null;
                                    interval_count: number;
                                    trial_days: number;
                                    installments: number | null;
                                    active: boolean;
                                }[];
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a product with its prices (the tag is matched by name, created when missing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        slug?: string;
                        description?: string;
                        image_url?: string | null;
                        tag: string;
                        thank_you_url?: string | null;
                        /**
                         * @default sandbox
                         * @enum {string}
                         */
                        gateway?: "sandbox" | "stripe";
                        checkout_language?: ("af" | "ar" | "bg" | "zh" | "cs" | "da" | "nl" | "en" | "fi" | "fr" | "de" | "he" | "hi" | "it" | "ms" | "no" | "pl" | "pt" | "ro" | "ru" | "sk" | "es" | "sv" | "th" | "auto") | null;
                        /** @default false */
                        ask_gdpr_consent?: boolean;
                        /** @default true */
                        active?: boolean;
                        prices: {
                            id?: number;
                            /**
                             * @default one_time
                             * @enum {string}
                             */
                            type?: "one_time" | "subscription" | "payment_plan";
                            amount: number;
                            /** @enum {string} */
                            currency?: "USD" | "EUR" | "GBP" | "AUD" | "CAD" | "NZD" | "CHF" | "SEK" | "NOK" | "DKK" | "PLN" | "CZK" | "HUF" | "JPY" | "HKD" | "SGD" | "MXN" | "BRL" | "ZAR" | "INR" | "ILS";
                            /** @enum {string} */
                            interval?: "day" | "week" | "month" | "year";
                            /** @default 1 */
                            interval_count?: number;
                            /** @default 0 */
                            trial_days?: number;
                            installments?: number;
                            /** @default true */
                            active?: boolean;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            slug: string;
                            description: string;
                            image_url: string | null;
                            tag: string;
                            tag_id: number;
                            thank_you_url: string | null;
                            /** @enum {string} */
                            gateway: "sandbox" | "stripe";
                            checkout_language: string | null;
                            ask_gdpr_consent: boolean;
                            active: boolean;
                            checkout_url: string;
                            prices: {
                                id: number;
                                /** @enum {string} */
                                type: "one_time" | "subscription" | "payment_plan";
                                amount: number;
                                currency: string;
                                interval: ("day" | "week" | "month" | "year") | null;
                                interval_count: number;
                                trial_days: number;
                                installments: number | null;
                                active: boolean;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A product */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            slug: string;
                            description: string;
                            image_url: string | null;
                            tag: string;
                            tag_id: number;
                            thank_you_url: string | null;
                            /** @enum {string} */
                            gateway: "sandbox" | "stripe";
                            checkout_language: string | null;
                            ask_gdpr_consent: boolean;
                            active: boolean;
                            checkout_url: string;
                            prices: {
                                id: number;
                                /** @enum {string} */
                                type: "one_time" | "subscription" | "payment_plan";
                                amount: number;
                                currency: string;
                                interval: ("day" | "week" | "month" | "year") | null;
                                interval_count: number;
                                trial_days: number;
                                installments: number | null;
                                active: boolean;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a product (its orders and subscriptions stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a product; `prices` replaces the price list (items with an id are kept) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        slug?: string;
                        description?: string;
                        image_url?: string | null;
                        tag?: string;
                        thank_you_url?: string | null;
                        /** @enum {string} */
                        gateway?: "sandbox" | "stripe";
                        checkout_language?: ("af" | "ar" | "bg" | "zh" | "cs" | "da" | "nl" | "en" | "fi" | "fr" | "de" | "he" | "hi" | "it" | "ms" | "no" | "pl" | "pt" | "ro" | "ru" | "sk" | "es" | "sv" | "th" | "auto") | null;
                        ask_gdpr_consent?: boolean;
                        active?: boolean;
                        prices?: {
                            id?: number;
                            /**
                             * @default one_time
                             * @enum {string}
                             */
                            type?: "one_time" | "subscription" | "payment_plan";
                            amount: number;
                            /** @enum {string} */
                            currency?: "USD" | "EUR" | "GBP" | "AUD" | "CAD" | "NZD" | "CHF" | "SEK" | "NOK" | "DKK" | "PLN" | "CZK" | "HUF" | "JPY" | "HKD" | "SGD" | "MXN" | "BRL" | "ZAR" | "INR" | "ILS";
                            /** @enum {string} */
                            interval?: "day" | "week" | "month" | "year";
                            /** @default 1 */
                            interval_count?: number;
                            /** @default 0 */
                            trial_days?: number;
                            installments?: number;
                            /** @default true */
                            active?: boolean;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            slug: string;
                            description: string;
                            image_url: string | null;
                            tag: string;
                            tag_id: number;
                            thank_you_url: string | null;
                            /** @enum {string} */
                            gateway: "sandbox" | "stripe";
                            checkout_language: string | null;
                            ask_gdpr_consent: boolean;
                            active: boolean;
                            checkout_url: string;
                            prices: {
                                id: number;
                                /** @enum {string} */
                                type: "one_time" | "subscription" | "payment_plan";
                                amount: number;
                                currency: string;
                                interval: ("day" | "week" | "month" | "year") | null;
                                interval_count: number;
                                trial_days: number;
                                installments: number | null;
                                active: boolean;
                            }[];
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/products/{id}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Integration health check: tag, automation, membership, gateway, stuck orders — with what to fix */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            product_id: number;
                            ok: boolean;
                            checks: {
                                /** @enum {string} */
                                check: "tag" | "automation" | "membership" | "gateway" | "pending_orders";
                                ok: boolean;
                                message: string;
                                fix: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}/test-purchase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy the product through the sandbox and report each link: order → lead → tag → automation → access */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 3000 */
                        wait_ms?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order_id: number;
                            email: string;
                            ok: boolean;
                            chain: {
                                /** @enum {string} */
                                step: "order" | "lead" | "tag" | "automation" | "membership";
                                ok: boolean;
                                state: string;
                                detail: string;
                                id: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}/test-purchase/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chain of an earlier test purchase (or any order), as it stands now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    orderId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order_id: number;
                            email: string;
                            ok: boolean;
                            chain: {
                                /** @enum {string} */
                                step: "order" | "lead" | "tag" | "automation" | "membership";
                                ok: boolean;
                                state: string;
                                detail: string;
                                id: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders, newest first (filter by status, product, lead; page with cursor) */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "completed" | "failed" | "refunded";
                    product_id?: number;
                    lead_id?: number;
                    cursor?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: {
                                id: number;
                                product_id: number;
                                product_name: string;
                                price_id: number;
                                /** @enum {string} */
                                price_type: "one_time" | "subscription" | "payment_plan";
                                lead_id: number | null;
                                /** @enum {string} */
                                status: "pending" | "completed" | "failed" | "refunded";
                                amount: number;
                                currency: string;
                                /** @enum {string} */
                                gateway: "sandbox" | "stripe";
                                gateway_ref: string | null;
                                email: string;
                                first_name: string | null;
                                last_name: string | null;
                                buyer: {
                                    phone?: string;
                                    address?: string;
                                    city?: string;
                                    zip?: string;
                                    state?: string;
                                    country?: string;
                                    gdpr_consent?: boolean;
                                };
                                language: string;
                                subscription_id: number | null;
                                created_at: string;
                                paid_at: string | null;
                                completed_at: string | null;
                                failed_at: string | null;
                                refunded_at: string | null;
                            }[];
                            next_cursor: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            product_id: number;
                            product_name: string;
                            price_id: number;
                            /** @enum {string} */
                            price_type: "one_time" | "subscription" | "payment_plan";
                            lead_id: number | null;
                            /** @enum {string} */
                            status: "pending" | "completed" | "failed" | "refunded";
                            amount: number;
                            currency: string;
                            /** @enum {string} */
                            gateway: "sandbox" | "stripe";
                            gateway_ref: string | null;
                            email: string;
                            first_name: string | null;
                            last_name: string | null;
                            buyer: {
                                phone?: string;
                                address?: string;
                                city?: string;
                                zip?: string;
                                state?: string;
                                country?: string;
                                gdpr_consent?: boolean;
                            };
                            language: string;
                            subscription_id: number | null;
                            created_at: string;
                            paid_at: string | null;
                            completed_at: string | null;
                            failed_at: string | null;
                            refunded_at: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund a completed order (removes the product tag unless another purchase still entitles the buyer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            product_id: number;
                            product_name: string;
                            price_id: number;
                            /** @enum {string} */
                            price_type: "one_time" | "subscription" | "payment_plan";
                            lead_id: number | null;
                            /** @enum {string} */
                            status: "pending" | "completed" | "failed" | "refunded";
                            amount: number;
                            currency: string;
                            /** @enum {string} */
                            gateway: "sandbox" | "stripe";
                            gateway_ref: string | null;
                            email: string;
                            first_name: string | null;
                            last_name: string | null;
                            buyer: {
                                phone?: string;
                                address?: string;
                                city?: string;
                                zip?: string;
                                state?: string;
                                country?: string;
                                gdpr_consent?: boolean;
                            };
                            language: string;
                            subscription_id: number | null;
                            created_at: string;
                            paid_at: string | null;
                            completed_at: string | null;
                            failed_at: string | null;
                            refunded_at: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Subscriptions and payment plans, newest first */
        get: {
            parameters: {
                query?: {
                    status?: "active" | "past_due" | "cancelled";
                    product_id?: number;
                    lead_id?: number;
                    cursor?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            subscriptions: {
                                id: number;
                                product_id: number;
                                product_name: string;
                                price_id: number;
                                order_id: number;
                                lead_id: number;
                                email: string;
                                /** @enum {string} */
                                status: "active" | "past_due" | "cancelled";
                                amount: number;
                                currency: string;
                                /** @enum {string} */
                                interval: "day" | "week" | "month" | "year";
                                interval_count: number;
                                installments: number | null;
                                /** @enum {string} */
                                gateway: "sandbox" | "stripe";
                                gateway_ref: string | null;
                                trial_ends_at: string | null;
                                cancelled_at: string | null;
                                cancel_source: string | null;
                                created_at: string;
                            }[];
                            next_cursor: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subscription */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            product_id: number;
                            product_name: string;
                            price_id: number;
                            order_id: number;
                            lead_id: number;
                            email: string;
                            /** @enum {string} */
                            status: "active" | "past_due" | "cancelled";
                            amount: number;
                            currency: string;
                            /** @enum {string} */
                            interval: "day" | "week" | "month" | "year";
                            interval_count: number;
                            installments: number | null;
                            /** @enum {string} */
                            gateway: "sandbox" | "stripe";
                            gateway_ref: string | null;
                            trial_ends_at: string | null;
                            cancelled_at: string | null;
                            cancel_source: string | null;
                            created_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscriptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a subscription: the gateway stops charging and the product tag is removed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            product_id: number;
                            product_name: string;
                            price_id: number;
                            order_id: number;
                            lead_id: number;
                            email: string;
                            /** @enum {string} */
                            status: "active" | "past_due" | "cancelled";
                            amount: number;
                            currency: string;
                            /** @enum {string} */
                            interval: "day" | "week" | "month" | "year";
                            interval_count: number;
                            installments: number | null;
                            /** @enum {string} */
                            gateway: "sandbox" | "stripe";
                            gateway_ref: string | null;
                            trial_ends_at: string | null;
                            cancelled_at: string | null;
                            cancel_source: string | null;
                            created_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateways": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payment gateway settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sandbox: {
                                secret: string;
                                webhook_url: string;
                            };
                            stripe: {
                                configured: boolean;
                                secret_key_last4: string | null;
                                publishable_key: string | null;
                                webhook_secret_set: boolean;
                                mode: ("test" | "live") | null;
                                webhook_url: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateways/sandbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sandbox gateway’s webhook signing secret (created on first use) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            secret: string;
                            webhook_url: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateways/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stripe settings (secrets are never shown again) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            configured: boolean;
                            secret_key_last4: string | null;
                            publishable_key: string | null;
                            webhook_secret_set: boolean;
                            mode: ("test" | "live") | null;
                            webhook_url: string;
                        };
                    };
                };
            };
        };
        /** Set Stripe keys: secret key, publishable key, webhook signing secret (fields left out are kept) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        secret_key?: string;
                        publishable_key?: string;
                        webhook_secret?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            configured: boolean;
                            secret_key_last4: string | null;
                            publishable_key: string | null;
                            webhook_secret_set: boolean;
                            mode: ("test" | "live") | null;
                            webhook_url: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Forget the Stripe keys */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/commerce/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Revenue (per currency, minor units) and completed orders per UTC day */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            to: string;
                            days: {
                                date: string;
                                orders: number;
                                revenue: {
                                    [key: string]: number;
                                };
                            }[];
                            totals: {
                                orders: number;
                                revenue: {
                                    [key: string]: number;
                                };
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The custom domains of this account, with their status and last checks */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            domains: {
                                id: number;
                                hostname: string;
                                display_hostname: string;
                                /** @enum {string} */
                                kind: "root" | "subdomain";
                                apex: string | null;
                                target: string;
                                /** @enum {string} */
                                status: "pending" | "active";
                                expires_at: string | null;
                                created_at: string;
                                activated_at: string | null;
                                last_checked_at: string | null;
                                next_check_at: string | null;
                                checks: {
                                    /** @enum {string} */
                                    name: "cname" | "conflicts" | "forwarding";
                                    ok: boolean;
                                    expected: string;
                                    found: string;
                                    hint: string | null;
                                }[] | null;
                                instructions: {
                                    records: {
                                        /** @enum {string} */
                                        type: "CNAME";
                                        name: string;
                                        host: string;
                                        value: string;
                                    }[];
                                    forwarding: {
                                        from: string;
                                        to: string;
                                        /** @enum {number} */
                                        status: 301;
                                        /** @enum {boolean} */
                                        keep_path: true;
                                    } | null;
                                    steps: string[];
                                };
                                url: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Connect a domain: www.example.com (root kind: CNAME www + forwarding of example.com) or sales.example.com (subdomain kind: CNAME only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        hostname: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            hostname: string;
                            display_hostname: string;
                            /** @enum {string} */
                            kind: "root" | "subdomain";
                            apex: string | null;
                            target: string;
                            /** @enum {string} */
                            status: "pending" | "active";
                            expires_at: string | null;
                            created_at: string;
                            activated_at: string | null;
                            last_checked_at: string | null;
                            next_check_at: string | null;
                            checks: {
                                /** @enum {string} */
                                name: "cname" | "conflicts" | "forwarding";
                                ok: boolean;
                                expected: string;
                                found: string;
                                hint: string | null;
                            }[] | null;
                            instructions: {
                                records: {
                                    /** @enum {string} */
                                    type: "CNAME";
                                    name: string;
                                    host: string;
                                    value: string;
                                }[];
                                forwarding: {
                                    from: string;
                                    to: string;
                                    /** @enum {number} */
                                    status: 301;
                                    /** @enum {boolean} */
                                    keep_path: true;
                                } | null;
                                steps: string[];
                            };
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One domain */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            hostname: string;
                            display_hostname: string;
                            /** @enum {string} */
                            kind: "root" | "subdomain";
                            apex: string | null;
                            target: string;
                            /** @enum {string} */
                            status: "pending" | "active";
                            expires_at: string | null;
                            created_at: string;
                            activated_at: string | null;
                            last_checked_at: string | null;
                            next_check_at: string | null;
                            checks: {
                                /** @enum {string} */
                                name: "cname" | "conflicts" | "forwarding";
                                ok: boolean;
                                expected: string;
                                found: string;
                                hint: string | null;
                            }[] | null;
                            instructions: {
                                records: {
                                    /** @enum {string} */
                                    type: "CNAME";
                                    name: string;
                                    host: string;
                                    value: string;
                                }[];
                                forwarding: {
                                    from: string;
                                    to: string;
                                    /** @enum {number} */
                                    status: 301;
                                    /** @enum {boolean} */
                                    keep_path: true;
                                } | null;
                                steps: string[];
                            };
                            url: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a domain (it stops serving at once) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read the DNS now: each check with what was expected, what was found, and a hint */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "pending" | "active";
                            checks: {
                                /** @enum {string} */
                                name: "cname" | "conflicts" | "forwarding";
                                ok: boolean;
                                expected: string;
                                found: string;
                                hint: string | null;
                            }[];
                            domain: {
                                id: number;
                                hostname: string;
                                display_hostname: string;
                                /** @enum {string} */
                                kind: "root" | "subdomain";
                                apex: string | null;
                                target: string;
                                /** @enum {string} */
                                status: "pending" | "active";
                                expires_at: string | null;
                                created_at: string;
                                activated_at: string | null;
                                last_checked_at: string | null;
                                next_check_at: string | null;
                                checks: {
                                    /** @enum {string} */
                                    name: "cname" | "conflicts" | "forwarding";
                                    ok: boolean;
                                    expected: string;
                                    found: string;
                                    hint: string | null;
                                }[] | null;
                                instructions: {
                                    records: {
                                        /** @enum {string} */
                                        type: "CNAME";
                                        name: string;
                                        host: string;
                                        value: string;
                                    }[];
                                    forwarding: {
                                        from: string;
                                        to: string;
                                        /** @enum {number} */
                                        status: 301;
                                        /** @enum {boolean} */
                                        keep_path: true;
                                    } | null;
                                    steps: string[];
                                };
                                url: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API key (masked) and whether only registered apps may call */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Whether an API key and password exist for this account */
                            configured: boolean;
                            /** @description The key, masked (first and last four characters) */
                            api_key: string | null;
                            /** @description Always masked: the password is shown only once */
                            api_password: string | null;
                            /** @description true: only registered app ids may call */
                            restrict_apps: boolean;
                            /** @description When the current pair was made */
                            created_at: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Allow any app id, or only registered ones */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        restrict_apps: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Whether an API key and password exist for this account */
                            configured: boolean;
                            /** @description The key, masked (first and last four characters) */
                            api_key: string | null;
                            /** @description Always masked: the password is shown only once */
                            api_password: string | null;
                            /** @description true: only registered app ids may call */
                            restrict_apps: boolean;
                            /** @description When the current pair was made */
                            created_at: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/api-credentials/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new API key and password (shown once; the old pair stops working at once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            api_key: string;
                            api_password: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Apps seen calling the API, and registered ones */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apps: {
                                id: number;
                                app_id: string;
                                name: string | null;
                                /** @enum {string} */
                                status: "seen" | "registered" | "blocked";
                                /** @description Calls accepted from this app */
                                calls: number;
                                /** @description Calls refused because the app is blocked or not registered */
                                refused: number;
                                first_seen_at: string | null;
                                last_seen_at: string | null;
                                created_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register an app id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        app_id: string;
                        name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            app_id: string;
                            name: string | null;
                            /** @enum {string} */
                            status: "seen" | "registered" | "blocked";
                            /** @description Calls accepted from this app */
                            calls: number;
                            /** @description Calls refused because the app is blocked or not registered */
                            refused: number;
                            first_seen_at: string | null;
                            last_seen_at: string | null;
                            created_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Forget an app */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Register, block or rename an app */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "seen" | "registered" | "blocked";
                        name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            app_id: string;
                            name: string | null;
                            /** @enum {string} */
                            status: "seen" | "registered" | "blocked";
                            /** @description Calls accepted from this app */
                            calls: number;
                            /** @description Calls refused because the app is blocked or not registered */
                            refused: number;
                            first_seen_at: string | null;
                            last_seen_at: string | null;
                            created_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Outbound webhook subscriptions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            webhooks: {
                                id: number;
                                url: string;
                                events: ("lead_created" | "assign_tag" | "unassign_tag" | "list_subscription" | "list_unsubscription" | "membership_granted" | "membership_revoked" | "buy_product" | "cancel_subscription" | "refund_product")[];
                                /** @description HMAC-SHA256 key of the Atrium-Signature header */
                                secret: string;
                                active: boolean;
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Subscribe a URL to events (Kartra's {lead, action, action_details} JSON, signed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url: string;
                        events: ("lead_created" | "assign_tag" | "unassign_tag" | "list_subscription" | "list_unsubscription" | "membership_granted" | "membership_revoked" | "buy_product" | "cancel_subscription" | "refund_product")[];
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            url: string;
                            events: ("lead_created" | "assign_tag" | "unassign_tag" | "list_subscription" | "list_unsubscription" | "membership_granted" | "membership_revoked" | "buy_product" | "cancel_subscription" | "refund_product")[];
                            /** @description HMAC-SHA256 key of the Atrium-Signature header */
                            secret: string;
                            active: boolean;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a subscription (its delivery log stays) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a subscription */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url?: string;
                        events?: ("lead_created" | "assign_tag" | "unassign_tag" | "list_subscription" | "list_unsubscription" | "membership_granted" | "membership_revoked" | "buy_product" | "cancel_subscription" | "refund_product")[];
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            url: string;
                            events: ("lead_created" | "assign_tag" | "unassign_tag" | "list_subscription" | "list_unsubscription" | "membership_granted" | "membership_revoked" | "buy_product" | "cancel_subscription" | "refund_product")[];
                            /** @description HMAC-SHA256 key of the Atrium-Signature header */
                            secret: string;
                            active: boolean;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first */
        get: {
            parameters: {
                query?: {
                    webhook_id?: number;
                    kind?: "webhook" | "ipn";
                    status?: "pending" | "delivered" | "failed" | "dead";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                id: number;
                                /** @enum {string} */
                                kind: "webhook" | "ipn";
                                /** @description The webhook id (kind webhook) or the product IPN id (kind ipn) */
                                target_id: number;
                                event_id: number;
                                action: string;
                                url: string;
                                /** @description Exactly what is posted */
                                payload: string;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed" | "dead";
                                attempts: number;
                                response_status: number | null;
                                error: string | null;
                                created_at: string;
                                updated_at: string;
                                delivered_at: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed or dead delivery again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {string} */
                            kind: "webhook" | "ipn";
                            /** @description The webhook id (kind webhook) or the product IPN id (kind ipn) */
                            target_id: number;
                            event_id: number;
                            action: string;
                            url: string;
                            /** @description Exactly what is posted */
                            payload: string;
                            /** @enum {string} */
                            status: "pending" | "delivered" | "failed" | "dead";
                            attempts: number;
                            response_status: number | null;
                            error: string | null;
                            created_at: string;
                            updated_at: string;
                            delivered_at: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}/ipn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A product's payment notification URL and secret key */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            product_id: number;
                            url: string;
                            secret_key: string;
                            active: boolean;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        /** Set where sales, refunds and cancellations of a product are posted (Kartra IPN form) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url: string;
                        secret_key?: string;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            product_id: number;
                            url: string;
                            secret_key: string;
                            active: boolean;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Stop a product's payment notifications */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/m/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/m/{slug}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/m/{slug}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/m/{slug}/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/m/{slug}/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/m/{slug}/set-password/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/m/{slug}/posts/{postId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                    postId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/m/{slug}/files/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
