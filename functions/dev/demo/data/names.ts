// Vietnamese names for the demo's members: surnames weighted by how common they are, middle and given names by sex.

export const SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 30], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 4], ['Huỳnh', 5], ['Phan', 4], ['Vũ', 3],
  ['Võ', 4], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 2], ['Ngô', 2], ['Dương', 1], ['Lý', 1],
  ['Trương', 1], ['Lâm', 1], ['Đinh', 1],
];
export const MIDDLE = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Hoàng', 'Công', 'Tấn', 'Trọng', 'Gia', 'Nhật', 'Thành'],
  female: ['Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Phương', 'Bảo', 'Kim', 'Mỹ', 'Hồng', 'Thùy', 'Hoài'],
} as const;
export const GIVEN = {
  male: ['An', 'Bảo', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Hải', 'Hiếu', 'Huy', 'Khang', 'Khoa', 'Kiên', 'Long', 'Lộc', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thiện', 'Tín', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Việt', 'Vinh'],
  female: ['Anh', 'Ánh', 'Châu', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hân', 'Hiền', 'Hoa', 'Hương', 'Huyền', 'Khánh', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Ngân', 'Nhi', 'Nhung', 'Oanh', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thư', 'Thủy', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Yến'],
} as const;
