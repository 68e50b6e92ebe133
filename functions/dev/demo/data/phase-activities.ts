// What members report in the short year 2018 and the first months of 2020, by task (the demo's other years of the phase).
import type { Activity } from './activities';

/** Tasks every member registers in these years: the BB tasks, three RL tasks without extra fields, and TT1. */
export const OTHER_YEAR_TRAINING = ['RL2', 'RL4', 'RL5'] as const;
export const OTHER_YEAR_CHALLENGE = ['TT1'] as const;

export const ACTIVITIES_BY_YEAR: Record<number, Record<string, readonly Activity[]>> = {
  2018: {
    BB1: [
      {
        date: '2018-11-30',
        description: 'Hoàn thành nhiệm vụ chuyên môn quý IV/2018; có sáng kiến được lãnh đạo đơn vị ghi nhận.',
      },
    ],
    BB2: [{ date: '2018-10-25', description: 'Nghe thời sự quý IV/2018 do Đảng ủy Khối phối hợp Đoàn Khối tổ chức.' }],
    BB3: [
      {
        date: '2018-11-12',
        description: 'Bài viết cảm nhận, thể hiện nguyện vọng được đứng vào hàng ngũ Đảng Cộng sản Việt Nam.',
      },
    ],
    RL2: [
      { date: '2018-10-14', description: 'Tham gia tổ chức "Ngày Chủ nhật xanh" tháng 10 do Đoàn Khối phát động.' },
      {
        date: '2018-11-25',
        description: 'Tham gia tổ chức chương trình hiến máu tình nguyện "Giọt hồng tri ân" đợt cuối năm 2018.',
      },
    ],
    RL4: [{ date: '2018-11-09', description: 'Tham gia hội thi "Tìm hiểu lịch sử Đoàn" cấp Khối năm 2018.' }],
    RL5: [
      {
        date: '2018-12-05',
        description: 'Tham gia diễn đàn "Đoàn viên ưu tú đối thoại với Ban Thường vụ Đảng ủy Khối" năm 2018.',
      },
    ],
    TT1: [{ date: '2018-12-08', description: 'Sinh hoạt Câu lạc bộ lý luận trẻ cấp Khối chuyên đề tháng 12/2018.' }],
  },
  2020: {
    BB2: [
      { date: '2020-02-20', description: 'Học tập, quán triệt nghị quyết năm 2020 do cấp ủy đơn vị tổ chức.' },
      {
        date: '2020-03-26',
        description: 'Nghe thời sự quý I/2020 do Đảng ủy Khối phối hợp Đoàn Khối tổ chức (trực tuyến).',
      },
    ],
    BB3: [
      {
        date: '2020-04-15',
        description: 'Bài viết cảm nhận, thể hiện nguyện vọng được đứng vào hàng ngũ Đảng Cộng sản Việt Nam.',
      },
    ],
    RL2: [
      {
        date: '2020-04-05',
        description: 'Tham gia tổ chức chương trình hỗ trợ người dân khó khăn trong mùa dịch tại quận 4.',
      },
    ],
    RL5: [
      {
        date: '2020-05-12',
        description: 'Tham gia diễn đàn đối thoại trực tuyến với Ban Thường vụ Đảng ủy Khối năm 2020.',
      },
    ],
  },
};
