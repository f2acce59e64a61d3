import nodemailer from 'nodemailer';
import type { Logger } from './logger.server.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** True when SMTP_URL is set and mail really leaves the server. */
  readonly delivers: boolean;
  send(mail: Mail): Promise<void>;
}

/** Sends through SMTP when configured; otherwise writes the message to the log so nothing is lost. */
export function createMailer(options: { smtpUrl?: string; from: string; logger: Logger }): Mailer {
  if (!options.smtpUrl) {
    return {
      delivers: false,
      async send(mail) {
        options.logger.info({ mail: { to: mail.to, subject: mail.subject }, body: mail.text }, 'e-mail not sent (SMTP_URL is not set)');
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    delivers: true,
    async send(mail) {
      await transport.sendMail({ from: options.from, ...mail });
    },
  };
}
