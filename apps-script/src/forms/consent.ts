// The registration form's consent item: its one choice names the notice's version, and the answer gives it back.
/**
 * The one choice of the registration form's consent item. It names the notice's version, so the answer itself records
 * which notice the member read and agreed to, even when it is delivered after the form was rebuilt with a newer one.
 */
export function consentChoice(version: string): string {
  return `Tôi đã đọc kỹ Thông báo về xử lý dữ liệu cá nhân (phiên bản ${version}) ở trên và tự nguyện đồng ý cho Ban tổ chức xử lý dữ liệu cá nhân của tôi, kể cả dữ liệu cá nhân nhạy cảm, theo đúng thông báo đó.`;
}

/** The notice version a ticked consent choice names, or undefined for any other answer. */
export function consentNoticeOf(answer: string): string | undefined {
  return /\(phiên bản ([0-9a-f]{6,64})\)/u.exec(answer.normalize('NFC'))?.[1];
}
