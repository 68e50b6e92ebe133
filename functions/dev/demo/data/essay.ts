// Sentences of the BB3 essays: an opening, a body to draw from, connectors and a closing ({name}, {unit}, {year} are filled in).

export const ESSAY = {
  opening: [
    'Tôi là {name}, đoàn viên ưu tú của {unit}, được tổ chức Đoàn giới thiệu tham gia Hành trình "Người Cộng sản trẻ" năm {year}.',
    'Ngay từ khi còn ngồi trên ghế nhà trường, tôi đã được nghe kể về những tấm gương cộng sản kiên trung đã hy sinh tuổi xuân cho độc lập, tự do của Tổ quốc.',
    'Được đứng vào hàng ngũ của Đảng Cộng sản Việt Nam là ước mơ, là mục tiêu phấn đấu mà tôi luôn ấp ủ trong suốt những năm tháng trưởng thành.',
  ],
  body: [
    'Đảng Cộng sản Việt Nam do Chủ tịch Hồ Chí Minh sáng lập, rèn luyện và lãnh đạo đã đưa dân tộc ta đi từ thắng lợi này đến thắng lợi khác.',
    'Tôi hiểu rằng người đảng viên trước hết phải là người có lý tưởng cách mạng trong sáng, có đạo đức, lối sống giản dị và luôn gần gũi với nhân dân.',
    'Trong công việc chuyên môn hằng ngày, tôi luôn cố gắng hoàn thành nhiệm vụ được giao với tinh thần trách nhiệm cao nhất, không ngại khó khăn, không né tránh việc khó.',
    'Tham gia Hành trình, tôi được học tập nghị quyết, nghe thời sự, gặp gỡ các đồng chí lãnh đạo và hiểu rõ hơn trách nhiệm của người trẻ đối với đất nước.',
    'Những buổi sinh hoạt chi đoàn, những chuyến về nguồn và các hoạt động tình nguyện đã giúp tôi trưởng thành hơn trong nhận thức và trong hành động.',
    'Tôi nhận thức rằng vào Đảng không phải để hưởng đặc quyền, đặc lợi mà là để được cống hiến nhiều hơn, được đứng ở hàng đầu trong mọi nhiệm vụ.',
    'Lời dạy của Bác Hồ "Đảng ta là đạo đức, là văn minh" luôn nhắc nhở tôi phải tu dưỡng, rèn luyện bản thân mỗi ngày.',
    'Tôi luôn lắng nghe ý kiến góp ý của chi bộ, của Ban Chấp hành Đoàn cơ sở và của đồng nghiệp để sửa chữa những hạn chế của bản thân.',
    'Trước những thông tin sai trái, xuyên tạc trên mạng xã hội, tôi luôn tỉnh táo nhận diện và tích cực lan tỏa những thông tin tích cực, chính thống.',
    'Tấm gương của các thế hệ đảng viên đi trước, những người đã không tiếc máu xương để giữ gìn non sông, là động lực để tôi phấn đấu không ngừng.',
    'Tôi luôn tâm niệm rằng mỗi việc làm nhỏ, nếu được thực hiện tận tâm và bền bỉ, đều góp phần xây dựng tổ chức Đoàn vững mạnh và đơn vị ngày càng phát triển.',
    'Qua quá trình học tập lớp tìm hiểu về Đảng, tôi hiểu sâu sắc hơn về Cương lĩnh, Điều lệ Đảng và nhiệm vụ của người đảng viên trong giai đoạn mới.',
    'Tôi mong muốn được chi bộ tiếp tục giúp đỡ, bồi dưỡng để sớm đủ điều kiện trở thành đảng viên Đảng Cộng sản Việt Nam.',
    'Là cán bộ trẻ công tác tại {unit}, tôi ý thức được trách nhiệm phục vụ nhân dân, xây dựng chính quyền thân thiện, chuyên nghiệp và hiệu quả.',
    'Tôi luôn giữ gìn mối đoàn kết trong tập thể, sẵn sàng hỗ trợ đồng nghiệp và các bạn đoàn viên mới vào làm việc tại đơn vị.',
    'Những khó khăn trong công việc và cuộc sống không làm tôi nản lòng mà càng giúp tôi thêm vững vàng, bản lĩnh hơn.',
  ],
  connectors: [
    'Bên cạnh đó,',
    'Hơn nữa,',
    'Mặt khác,',
    'Có thể nói,',
    'Trong năm {year},',
    'Vì vậy,',
    'Đặc biệt,',
    'Từ đó,',
  ],
  closing: [
    'Tôi xin hứa sẽ không ngừng học tập, rèn luyện, phấn đấu để xứng đáng với niềm tin của tổ chức Đoàn và sớm được đứng vào hàng ngũ của Đảng.',
    'Đó là nguyện vọng chân thành và là lời hứa của tôi trên chặng đường Hành trình "Người Cộng sản trẻ" năm {year}.',
  ],
} as const;
