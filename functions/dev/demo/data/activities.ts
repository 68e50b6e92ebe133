// What members report in the demo year, by task: sessions, activities, awards, contests, forums, initiatives and ratings.

export interface Activity {
  date: string;
  description: string;
  /** BB2: the body that organised the session, whose queue confirms it. */
  organiser?: 'BTV' | 'CAP_UY';
}

export const BB2_SESSIONS: readonly Activity[] = [
  {
    date: '2019-02-27',
    organiser: 'CAP_UY',
    description: 'Hội nghị học tập, quán triệt các nghị quyết, chỉ thị của Đảng năm 2019 do cấp ủy đơn vị tổ chức.',
  },
  {
    date: '2019-03-28',
    organiser: 'BTV',
    description: 'Nghe thời sự quý I/2019 do Đảng ủy Khối phối hợp Đoàn Khối tổ chức.',
  },
  {
    date: '2019-05-16',
    organiser: 'CAP_UY',
    description: 'Học tập chuyên đề năm 2019 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
  },
  {
    date: '2019-06-27',
    organiser: 'BTV',
    description: 'Nghe thời sự quý II/2019 do Đảng ủy Khối phối hợp Đoàn Khối tổ chức.',
  },
  {
    date: '2019-08-22',
    organiser: 'CAP_UY',
    description: 'Sinh hoạt chính trị: quán triệt văn bản mới của Thành ủy tại đơn vị.',
  },
  {
    date: '2019-09-26',
    organiser: 'BTV',
    description: 'Nghe thời sự quý III/2019 do Đảng ủy Khối phối hợp Đoàn Khối tổ chức.',
  },
  {
    date: '2019-10-17',
    organiser: 'BTV',
    description: 'Hội nghị báo cáo viên: tình hình thời sự trong nước và quốc tế tháng 10/2019.',
  },
];

export const RL1_THEMED: readonly Activity[] = [
  {
    date: '2019-03-22',
    description:
      'Phụ trách nội dung sinh hoạt chi đoàn chủ điểm tháng 3 "Tự hào tuổi trẻ Việt Nam", kỷ niệm 88 năm Ngày thành lập Đoàn.',
  },
  {
    date: '2019-04-25',
    description:
      'Phụ trách sinh hoạt chi đoàn chủ điểm tháng 4 "Tuổi trẻ tiếp bước cha anh", kỷ niệm 44 năm Ngày giải phóng miền Nam.',
  },
  {
    date: '2019-09-06',
    description:
      'Phụ trách sinh hoạt chi đoàn chủ điểm tháng 9 "Học tập và làm theo Di chúc của Chủ tịch Hồ Chí Minh", kỷ niệm 50 năm thực hiện Di chúc.',
  },
  {
    date: '2019-10-11',
    description: 'Phụ trách sinh hoạt chi đoàn chủ điểm tháng 10 "Thanh niên Việt Nam đoàn kết, sáng tạo".',
  },
];
export const RL1_REGULAR: readonly Activity[] = [
  {
    date: '2019-05-10',
    description:
      'Tổ chức buổi sinh hoạt chi đoàn định kỳ tháng 5: đánh giá hoạt động và triển khai chương trình tháng 6.',
  },
  {
    date: '2019-06-14',
    description: 'Tổ chức buổi sinh hoạt chi đoàn định kỳ tháng 6, lồng ghép giới thiệu chiến dịch Mùa hè xanh.',
  },
  {
    date: '2019-07-12',
    description: 'Tổ chức buổi sinh hoạt chi đoàn định kỳ tháng 7, tri ân các gia đình chính sách nhân ngày 27/7.',
  },
];

export const RL2_ACTIVITIES: readonly Activity[] = [
  {
    date: '2019-02-24',
    description: 'Tham gia tổ chức "Ngày Chủ nhật xanh" làm sạch kênh Nhiêu Lộc – Thị Nghè do Đoàn Khối phát động.',
  },
  {
    date: '2019-03-17',
    description: 'Tham gia ban tổ chức Ngày hội hiến máu tình nguyện "Giọt hồng tri ân" của Đoàn Khối.',
  },
  {
    date: '2019-05-26',
    description: 'Tham gia tổ chức chương trình trao học bổng cho học sinh có hoàn cảnh khó khăn tại huyện Cần Giờ.',
  },
  { date: '2019-06-23', description: 'Tham gia tổ chức chương trình "Tiếp sức mùa thi" năm 2019 tại điểm thi quận 3.' },
  {
    date: '2019-07-14',
    description: 'Tham gia chiến dịch Thanh niên tình nguyện hè 2019: sửa chữa nhà tình thương tại huyện Bình Chánh.',
  },
  {
    date: '2019-07-27',
    description: 'Tham gia tổ chức thăm, tặng quà gia đình chính sách nhân kỷ niệm 72 năm Ngày Thương binh – Liệt sĩ.',
  },
  {
    date: '2019-09-14',
    description: 'Tham gia tổ chức chương trình "Trung thu cho em" tặng quà thiếu nhi tại Bệnh viện Nhi đồng 1.',
  },
];

export const RL3_AWARDS: readonly Activity[] = [
  {
    date: '2019-03-26',
    description:
      'Giấy khen của Ban Chấp hành Đoàn Khối về thành tích xuất sắc trong công tác Đoàn và phong trào thanh niên năm 2018.',
  },
  { date: '2019-05-19', description: 'Danh hiệu "Thanh niên tiên tiến làm theo lời Bác" cấp Khối năm 2019.' },
  {
    date: '2019-08-30',
    description:
      'Giấy khen của Ban Chấp hành Đoàn cơ sở về thành tích tham gia chiến dịch Thanh niên tình nguyện hè 2019.',
  },
  {
    date: '2019-09-20',
    description: 'Giấy khen của Đảng ủy đơn vị về hoàn thành xuất sắc nhiệm vụ chuyên môn 6 tháng đầu năm 2019.',
  },
];

export const RL4_CONTESTS: readonly Activity[] = [
  { date: '2019-03-02', description: 'Tham gia Hội thi "Bí thư chi đoàn giỏi" cấp Khối năm 2019.' },
  {
    date: '2019-06-08',
    description: 'Tham gia Hội thi Olympic các môn khoa học Mác – Lênin và tư tưởng Hồ Chí Minh cấp Khối.',
  },
  {
    date: '2019-08-17',
    description: 'Tham gia Hội thi tìm hiểu lịch sử Đảng bộ Thành phố Hồ Chí Minh do Đoàn Khối tổ chức.',
  },
];

export const RL5_FORUMS: readonly Activity[] = [
  {
    date: '2019-05-18',
    description: 'Tham gia diễn đàn "Đoàn viên ưu tú gặp gỡ, đối thoại với Ban Thường vụ Đảng ủy Khối" năm 2019.',
  },
  {
    date: '2019-08-09',
    description:
      'Tham gia buổi đối thoại giữa lãnh đạo đơn vị với đoàn viên, thanh niên về môi trường làm việc và phát triển Đảng.',
  },
];

export const RL6_BY_GROUP: Record<string, readonly Activity[]> = {
  TO1: [
    { date: '2019-04-20', description: 'Tổ 1 tổ chức chuyến về nguồn tại Khu di tích lịch sử Địa đạo Củ Chi.' },
    {
      date: '2019-09-21',
      description: 'Tổ 1 tổ chức tọa đàm "Đoàn viên ưu tú với việc rèn luyện để trở thành đảng viên".',
    },
  ],
  TO2: [
    {
      date: '2019-05-11',
      description: 'Tổ 2 tổ chức tham quan Bảo tàng Chứng tích chiến tranh và trao đổi về lịch sử dân tộc.',
    },
    {
      date: '2019-08-24',
      description: 'Tổ 2 tổ chức chương trình nấu cơm tặng bệnh nhân nghèo tại Bệnh viện Ung bướu.',
    },
  ],
  TO3: [
    { date: '2019-06-15', description: 'Tổ 3 tổ chức sinh hoạt chuyên đề "Người trẻ với khát vọng cống hiến".' },
    { date: '2019-09-28', description: 'Tổ 3 tổ chức hoạt động trồng cây xanh tại xã Tân Nhựt, huyện Bình Chánh.' },
  ],
};

export const TT_ACTIVITIES: Record<string, readonly Activity[]> = {
  TT1: [
    {
      date: '2019-04-12',
      description:
        'Tham gia sinh hoạt Câu lạc bộ Lý luận trẻ cấp Khối, chủ đề "Giá trị thời đại của Di chúc Chủ tịch Hồ Chí Minh".',
    },
    {
      date: '2019-08-09',
      description:
        'Tham gia sinh hoạt Câu lạc bộ Lý luận trẻ cấp Khối, chủ đề "Đấu tranh phản bác các quan điểm sai trái trên mạng xã hội".',
    },
  ],
  TT3: [
    {
      date: '2019-06-14',
      description:
        'Tham gia lớp tập huấn kỹ năng viết lý lịch, hồ sơ đảng viên mới do Ban Tổ chức Đảng ủy Khối phối hợp Đoàn Khối tổ chức.',
    },
    {
      date: '2019-09-12',
      description: 'Tham gia buổi tập huấn hướng dẫn khai lý lịch người xin vào Đảng do cấp ủy đơn vị tổ chức.',
    },
  ],
  TT4: [
    {
      date: '2019-07-12',
      description: 'Hoàn thành lớp tìm hiểu về Đảng Cộng sản Việt Nam (khóa tháng 7/2019), có giấy chứng nhận.',
    },
    {
      date: '2019-10-04',
      description: 'Hoàn thành lớp tìm hiểu về Đảng Cộng sản Việt Nam (khóa tháng 10/2019), có giấy chứng nhận.',
    },
  ],
};

export const INITIATIVES = [
  'Số hóa quy trình tiếp nhận và theo dõi hồ sơ thi đua – khen thưởng của đơn vị',
  'Xây dựng bảng theo dõi tiến độ xử lý văn bản đến trên bảng tính dùng chung',
  'Đề xuất mẫu phiếu lấy ý kiến người dân về chất lượng phục vụ, áp dụng tại bộ phận một cửa',
  'Chuẩn hóa bộ câu hỏi – đáp về thủ tục hành chính đăng tải trên trang thông tin điện tử',
  'Xây dựng quy trình lưu trữ điện tử hồ sơ cán bộ, giảm thời gian tra cứu',
  'Sáng kiến tổ chức chuyên mục "Pháp luật và đời sống" trên trang tin của đơn vị',
  'Cải tiến cách tổng hợp số liệu báo cáo định kỳ bằng biểu mẫu trực tuyến',
];
export const RATINGS = [
  ['Lao động tiên tiến', 6],
  ['Chiến sĩ thi đua cơ sở', 3],
  ['Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, thành phố', 1],
] as const;

/** BB1: what a member reports from the unit's mid-year or nine-month review, where the rating and the initiative are recorded. */
export const BB1_DESCRIPTION =
  'Hoàn thành tốt nhiệm vụ chuyên môn được giao; có sáng kiến được lãnh đạo đơn vị ghi nhận và áp dụng (theo kết quả sơ kết của đơn vị).';

/** BB3: what the essay entry says it is. */
export const BB3_DESCRIPTION = 'Bài viết cảm nhận, thể hiện nguyện vọng được đứng vào hàng ngũ Đảng Cộng sản Việt Nam.';

/** An RL2 activity in January, before evidence may be dated: reported to show the rule refusing it. */
export const JANUARY_ACTIVITY: Activity = {
  date: '2019-01-27',
  description: 'Tham gia tổ chức chương trình "Xuân tình nguyện – Tết sum vầy" tặng quà Tết cho công nhân khó khăn.',
};
