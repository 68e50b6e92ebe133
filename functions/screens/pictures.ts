// The pictures of the guides (docs/huong-dan/): each file `npm run docs:screens` makes, and what it shows.

/** Where the pictures go, relative to the repository. */
export const PICTURES_FOLDER = 'docs/huong-dan/hinh';

/** Every picture the script makes, by file name: what it shows (the guides' alt text says the same in their words). */
export const PICTURES = {
  'npm-start.png': 'what `npm start` prints once it runs',
  'menu-hanh-trinh.png':
    'the "Hành trình" menu of the master spreadsheet, from the menu items of apps-script/src/menu.ts',
  'bieu-mau-dang-ky.png': 'the registration form built from the demo year’s plan through its spec (its questions)',
  'bieu-mau-dang-ky-dong-y.png':
    'the registration form’s processing notice and its consent item, which open the form, from the same spec',
  'bieu-mau-minh-chung.png': 'the evidence form built from the demo year’s plan through its spec',
  'bang-tinh-danh-sach.png': 'the list of the local spreadsheets',
  'tong-hop-ket-qua.png': 'the master’s Kết quả tab',
  'tong-hop-tong-hop.png': 'the master’s Tổng hợp tab with its chart',
  'tong-hop-loi.png': 'the master’s Lỗi tab',
  'tong-hop-de-cu-hoi-trai.png': 'the master’s Đề cử hội trại tab',
  'tong-hop-ket-nap-dang.png': 'the master’s Kết nạp Đảng tab',
  'tong-hop-de-cu-tham-gia.png': 'the master’s Đề cử tham gia tab',
  'tong-hop-thu.png': 'the master’s Thư tab',
  'tong-hop-giai-doan.png': 'the Giai đoạn tab of the latest year’s master',
  'hang-cho-bch-trai.png': 'a base union executive’s queue, Hàng chờ: who sent what',
  'hang-cho-bch-phai.png': 'the same queue: the columns the evaluator fills in',
  'hang-cho-de-cu.png': 'a base union executive’s Đề cử tab',
  'hang-cho-to.png': 'a group’s queue: the columns the leader or supervisor fills in',
  'so-hanh-trinh-dien-thoai.png': 'a member’s journey book on a phone (390 px)',
  'so-hanh-trinh-ban-in.png': 'the first printed A4 page of the same journey book',
  'hop-thu-di.png': 'the local outbox',
  'thu-thong-bao.png': 'a notice to a member about a decision',
  'thu-bao-cao-quy.png': 'a quarterly report e-mail to a party committee',
  'bao-cao-quy-pdf.png': 'the first page of the quarterly report’s PDF',
  'dong-lenh-ket-qua.png': 'the CLI’s `results 2019`',
  'dong-lenh-doan-vien.png': 'the CLI’s `member 2019 <e-mail>`',
} as const;

export type PictureFile = keyof typeof PICTURES;
