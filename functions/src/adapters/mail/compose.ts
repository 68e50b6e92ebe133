// Messages built by nodemailer's MailComposer: RFC 2047 subjects, HTML with a plain-text alternative, PDFs with UTF-8 names.
import { nfc } from '../../domain/letter';
import type { MessageComposer } from '../../ports';
import { renderLetterHtml } from './html';
import { renderDocumentPdf } from './pdf';
import { renderLetterText } from './text';

type MailComposerClass = typeof import('nodemailer/lib/mail-composer').default;

let composerClass: Promise<MailComposerClass> | undefined;

/** Loaded on the first message only, like pdfmake: most requests of the function never build one. */
function mailComposer(): Promise<MailComposerClass> {
  composerClass ??= import('nodemailer/lib/mail-composer').then((m) => m.default);
  return composerClass;
}

/** The footer every message carries: who sends it and why, and the id that names it in the outbox. */
export function footerText(id: string): string {
  return `Thư gửi tự động từ hệ thống Hành trình “Người Cộng sản trẻ” của Ban Thường vụ Đoàn Khối Dân – Chính – Đảng TP. Hồ Chí Minh. Mã thư: ${id}.`;
}

export function createMessageComposer(): MessageComposer {
  return {
    async compose({ from, to, letter: given, messageId, date, headers }) {
      const letter = nfc(given);
      const id = headers['X-Journey-Mail-Id'] ?? messageId;
      const attachments = await Promise.all(
        letter.attachments.map(async (a) => ({
          filename: a.filename,
          content: await renderDocumentPdf(a.document),
          contentType: 'application/pdf',
        })),
      );
      const MailComposer = await mailComposer();
      const mail = new MailComposer({
        from: { name: from.name, address: from.address },
        to,
        subject: letter.subject,
        text: renderLetterText(letter, footerText(id)),
        html: renderLetterHtml(letter, footerText(id)),
        attachments,
        messageId,
        date,
        headers,
        textEncoding: 'quoted-printable',
      });
      return mail.compile().build();
    },
  };
}
