import MailComposer from 'nodemailer/lib/mail-composer';

export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  body: string;
  language: string;
  notificationId: string;
}

/**
 * The Message-ID of a notification's send: derived from its id, the same on every attempt (a
 * retried send is the same message), new only when staff ask for a resend (a second letter).
 */
export function messageIdOf(notificationId: string, resendCount: number): string {
  return resendCount === 0 ? `<${notificationId}@kyosei>` : `<${notificationId}.resend-${resendCount}@kyosei>`;
}

/** The RFC 5322 message: text/plain in UTF-8 only (nothing in it is ever read as HTML). */
export function buildMail(mail: OutgoingMail): Promise<Buffer> {
  return new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.body,
    messageId: mail.messageId,
    newline: 'win',
    // Mostly non-Latin text is a third the size in base64 than in quoted-printable.
    encoding: /^(ja|zh|ko|ne)/.test(mail.language) ? 'base64' : 'quoted-printable',
    headers: {
      'Content-Language': mail.language,
      'Auto-Submitted': 'auto-generated',
      'X-Kyosei-Notification': mail.notificationId,
    },
  })
    .compile()
    .build();
}
