// What evaluators write beside their decisions in the demo year.

export const COMMENTS = {
  approved: [
    'Đạt yêu cầu.',
    'Minh chứng đầy đủ, đề nghị ghi nhận.',
    'Đồng chí đã hoàn thành tốt nội dung này.',
    'Xác nhận đồng chí có tham gia.',
  ],
  approvedAfterInfo: ['Đã nhận minh chứng bổ sung, đạt yêu cầu.', 'Đã đối chiếu danh sách điểm danh, đạt yêu cầu.'],
  needsInfo: [
    'Đề nghị đồng chí bổ sung ảnh chụp hoặc danh sách điểm danh của hoạt động.',
    'Đề nghị bổ sung xác nhận của Ban Chấp hành chi đoàn nơi tổ chức hoạt động.',
    'Minh chứng chưa ghi rõ vai trò của đồng chí trong hoạt động, đề nghị bổ sung.',
  ],
  rejected: [
    'Hoạt động chưa đảm bảo tính pháp nhân của đơn vị tổ chức theo yêu cầu của kế hoạch.',
    'Đồng chí không có tên trong danh sách tham dự, chưa đủ cơ sở xác nhận.',
    'Nội dung minh chứng chưa phù hợp với nhiệm vụ đã đăng ký.',
  ],
  duplicate: 'Minh chứng trùng với nội dung đã gửi trước đó, không tính thêm.',
} as const;
