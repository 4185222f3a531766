import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '@tuanjian/domain';

/**
 * Text messages (password reset codes). Pluggable: in development and tests
 * the log sender writes the message to the server log; in production an SMS
 * provider's HTTP API is called, configured by SMS_API_URL and SMS_API_KEY.
 * Tests inject their own sender to read the code.
 */
export interface SmsMessage {
  phone: string;
  text: string;
  /** The code inside the text (for senders that fill a provider template). */
  code: string;
  purpose: 'password_reset';
}

export interface SmsSender {
  readonly name: string;
  send(message: SmsMessage, log: FastifyBaseLogger): Promise<void>;
}

/** Development and tests: the message goes to the server log (the phone masked, the text in full). */
export class LogSmsSender implements SmsSender {
  readonly name = 'log';
  async send(message: SmsMessage, log: FastifyBaseLogger): Promise<void> {
    log.info({ sms: { to: maskPhone(message.phone), purpose: message.purpose, text: message.text } }, 'SMS not sent (log sender): message written to the log');
  }
}

/**
 * An SMS provider behind an HTTP API: POST JSON { phone, text, code, purpose }
 * with "Authorization: Bearer <key>"; any 2xx answer is success.
 */
export class HttpSmsSender implements SmsSender {
  readonly name = 'http';
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 5000,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ phone: message.phone, text: message.text, code: message.code, purpose: message.purpose }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 200);
      throw new Error(`SMS provider answered ${res.status}${detail ? `: ${detail}` : ''}`);
    }
  }
}

/** The sender the environment configures: HTTP when SMS_API_URL and SMS_API_KEY are set, else the log. */
export function smsSenderFromEnv(env: NodeJS.ProcessEnv = process.env): SmsSender {
  const url = env.SMS_API_URL?.trim();
  const key = env.SMS_API_KEY?.trim();
  if (url && key) return new HttpSmsSender(url, key);
  return new LogSmsSender();
}
