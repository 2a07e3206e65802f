// Types of mrkdwn.js (the page's mrkdwn renderer, plain JS so the browser loads it as it is) for the tests.
export declare const EMOJI: Record<string, string>;
export declare function escapeHtml(text: string): string;
export declare function safeHref(url: string): string | undefined;
export declare function mrkdwnToHtml(input: string, names?: Record<string, string>): string;
export declare function plainToHtml(text: string, emoji?: boolean): string;
