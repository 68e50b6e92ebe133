// `npm run deploy -- --dry-run`: every step it would take, in order, with the exact commands, and nothing changed.
import { describe, expect, it } from 'vitest';
import { deployedProject, deployWith, FUNCTION_URL, freshProject, INVOKER, PROJECT, RUNTIME, SAMPLE_CONFIG } from './fake-gcloud';

const P = `--project=${PROJECT}`;
const MEMBER = `--member=serviceAccount:${RUNTIME}`;
const OIDC = `--oidc-service-account-email=${INVOKER} --oidc-token-audience=${FUNCTION_URL}`;
const RULES_API = `https://firebaserules.googleapis.com/v1/projects/${PROJECT}`;

/** The plan's lines: the numbered titles and the commands under them, between the heading and the closing line. */
function planOf(output: string[]): string[] {
  const start = output.findIndex((line) => line.startsWith('Kế hoạch'));
  const end = output.findIndex((line) => line.startsWith('Chạy thử'));
  return output.slice(start + 1, end).map((line) => line.trim());
}

const FUNCTION_DEPLOY =
  `gcloud functions deploy journey --gen2 --runtime=nodejs24 --region=asia-southeast1 --entry-point=journey --trigger-http --allow-unauthenticated --source=. ` +
  `--service-account=${RUNTIME} --memory=512Mi --cpu=1 --timeout=540s --set-secrets=JOURNEY_SHARED_SECRET=JOURNEY_SHARED_SECRET:latest,JOURNEY_MAIL_CREDENTIALS=JOURNEY_MAIL_CREDENTIALS:latest ` +
  `--set-env-vars=GCLOUD_PROJECT=${PROJECT},JOURNEY_TASKS_QUEUE=projects/${PROJECT}/locations/asia-southeast1/queues/journey-sheets,JOURNEY_FUNCTION_URL=${FUNCTION_URL},JOURNEY_INVOKER_SA=${INVOKER},JOURNEY_SHEETS_WRITES_PER_MINUTE=50,` +
  `JOURNEY_MAIL_SENDER=hanhtrinh@doankhoi.example.vn,JOURNEY_MAIL_ACCOUNT=workspace ${P} --quiet`;

/** The exemptions of firestore.indexes.json, as the plan applies them. */
const EXEMPTIONS: [string, string][] = [
  ['sheets', 'rows'],
  ['sheets', 'queues'],
  ['years', 'config'],
  ['configVersions', 'config'],
  ['journeys', 'entries'],
  ['evidence', 'decisions'],
];
const exemptionCommand = ([group, field]: [string, string]): string =>
  `gcloud firestore indexes fields update ${field} --collection-group=${group} --disable-indexes --async ${P} --quiet`;
const exemptionSteps = (first: number): string[] =>
  EXEMPTIONS.flatMap((e, i) => [
    `${String(first + i)}. Tắt chỉ mục của trường ${e[1]} (nhóm ${e[0]}): không truy vấn, có thể có nhiều khóa (firestore.indexes.json)`,
    exemptionCommand(e),
  ]);

/** The composite indexes of firestore.indexes.json, as a fresh project gets them: the listings' pages. */
const COMPOSITES: [string, string, string][] = [
  ['inbox', 'year, receivedAt', 'field-path=year,order=ascending --field-config=field-path=receivedAt,order=ascending'],
  ['inbox', 'year, status, receivedAt', 'field-path=year,order=ascending --field-config=field-path=status,order=ascending --field-config=field-path=receivedAt,order=ascending'],
  ['mail', 'year, queuedAt', 'field-path=year,order=ascending --field-config=field-path=queuedAt,order=ascending'],
  ['mail', 'year, status, queuedAt', 'field-path=year,order=ascending --field-config=field-path=status,order=ascending --field-config=field-path=queuedAt,order=ascending'],
  ['mail', 'year, status, queuedAt giảm dần', 'field-path=year,order=ascending --field-config=field-path=status,order=ascending --field-config=field-path=queuedAt,order=descending'],
];
const compositeCommand = ([group, , fields]: [string, string, string]): string =>
  `gcloud firestore indexes composite create --collection-group=${group} --query-scope=collection --field-config=${fields} --async ${P} --quiet`;
const compositeSteps = (first: number): string[] =>
  COMPOSITES.flatMap((c, i) => [
    `${String(first + i)}. Tạo chỉ mục ghép của nhóm ${c[0]} (${c[1]}): một trang danh sách đọc đúng một trang (firestore.indexes.json)`,
    compositeCommand(c),
  ]);

function job(verb: 'create' | 'update', name: string, schedule: string, path: string, description: string, body = '{}'): string {
  const headers = verb === 'create' ? '--headers' : '--update-headers';
  return (
    `gcloud scheduler jobs ${verb} http ${name} --location=asia-southeast1 '--schedule=${schedule}' --time-zone=Asia/Ho_Chi_Minh --uri=${FUNCTION_URL}${path} ` +
    `--http-method=POST ${headers}=Content-Type=application/json '--message-body=${body}' ${OIDC} '--description=${description}' ${P} --quiet`
  );
}

const WEEKDAYS = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu'];

/** Every job after the resume job: the outbox's hourly drain, the reports, and members' summaries spread over the working days. */
function mailJobs(verb: 'create' | 'update'): string[] {
  return [
    job(verb, 'journey-mail-drain', '5 * * * *', '/v1/internal/mail/drain', 'Gửi thư còn chờ trong hộp thư đi (trong hạn mức ngày): phút 05 mỗi giờ'),
    job(verb, 'journey-report-digest', '0 7 * * 1', '/v1/internal/reports/digest', 'Bản tin tuần gửi Ban Thường vụ: 07:00 thứ Hai'),
    job(verb, 'journey-report-reminders', '0 8 * 9-10 1', '/v1/internal/reports/reminders', 'Nhắc người đánh giá có minh chứng chờ quá 7 ngày, hằng tuần từ tháng 9 đến hết tháng 10: 08:00 thứ Hai', '{"audience":"evaluators"}'),
    job(verb, 'journey-report-quarterly', '0 7 25 3,6,9,12 *', '/v1/internal/reports/quarterly', 'Báo cáo quý gửi cấp ủy: 07:00 ngày 25 tháng cuối quý'),
    job(verb, 'journey-report-annual', '0 17 31 10 *', '/v1/internal/reports/annual', 'Báo cáo đánh giá năm (tháng 10): 17:00 ngày 31/10'),
    job(verb, 'journey-report-camp', '0 7 1 11 *', '/v1/internal/reports/camp', 'Danh sách đề cử hội trại “Lá Trung Quân”: 07:00 ngày 01/11'),
    job(verb, 'journey-report-phase', '0 7 15 12 *', '/v1/internal/reports/phase', 'Báo cáo tổng kết giai đoạn: 07:00 ngày 15/12 của năm cuối giai đoạn'),
    ...WEEKDAYS.map((day, i) =>
      job(verb, `journey-report-members-${String(i + 1)}`, `0 9 * * ${String(i + 1)}`, '/v1/internal/reports/members', `Thư tóm tắt hằng tuần gửi từng đoàn viên, phần ${String(i + 1)}/5 các cơ sở Đoàn: 09:00 ${day}`, `{"slice":"${String(i + 1)}/5"}`),
    ),
  ];
}

describe('npm run deploy -- --dry-run', () => {
  it('on a fresh project prints every step in order, with the exact commands, and runs only reads', async () => {
    const { code, output, gcloud } = await deployWith(freshProject(), { dryRun: true });
    expect(code).toBe(0);
    expect(planOf(output)).toEqual([
      '1. Bật các API cần dùng',
      `gcloud services enable cloudfunctions.googleapis.com run.googleapis.com cloudbuild.googleapis.com artifactregistry.googleapis.com firestore.googleapis.com firebaserules.googleapis.com secretmanager.googleapis.com cloudtasks.googleapis.com cloudscheduler.googleapis.com iam.googleapis.com cloudresourcemanager.googleapis.com sheets.googleapis.com ${P} --quiet`,
      `2. Tạo tài khoản chạy hàm ${RUNTIME}`,
      `gcloud iam service-accounts create journey-runtime '--display-name=Hành trình NCST: hàm journey' ${P} --quiet`,
      `3. Tạo tài khoản gọi hàm ${INVOKER} (Cloud Tasks, Cloud Scheduler)`,
      `gcloud iam service-accounts create journey-invoker '--display-name=Hành trình NCST: gọi hàm nội bộ' ${P} --quiet`,
      '4. Cấp roles/datastore.user cho tài khoản chạy hàm',
      `gcloud projects add-iam-policy-binding ${PROJECT} ${MEMBER} --role=roles/datastore.user --condition=None --quiet`,
      '5. Cấp roles/cloudtasks.enqueuer cho tài khoản chạy hàm',
      `gcloud projects add-iam-policy-binding ${PROJECT} ${MEMBER} --role=roles/cloudtasks.enqueuer --condition=None --quiet`,
      '6. Cấp roles/iam.serviceAccountUser cho tài khoản chạy hàm (trên tài khoản gọi hàm)',
      `gcloud iam service-accounts add-iam-policy-binding ${INVOKER} ${MEMBER} --role=roles/iam.serviceAccountUser ${P} --quiet`,
      '7. Cấp roles/secretmanager.secretAccessor cho tài khoản chạy hàm (trên bí mật JOURNEY_SHARED_SECRET)',
      `gcloud secrets add-iam-policy-binding JOURNEY_SHARED_SECRET ${MEMBER} --role=roles/secretmanager.secretAccessor ${P} --quiet`,
      '8. Cấp roles/secretmanager.secretAccessor cho tài khoản chạy hàm (trên bí mật JOURNEY_MAIL_CREDENTIALS)',
      `gcloud secrets add-iam-policy-binding JOURNEY_MAIL_CREDENTIALS ${MEMBER} --role=roles/secretmanager.secretAccessor ${P} --quiet`,
      '9. Tạo Firestore (default) ở asia-southeast1, chế độ Native',
      `gcloud firestore databases create --location=asia-southeast1 --type=firestore-native ${P} --quiet`,
      '10. Áp dụng quy tắc Firestore từ firestore.rules (chặn mọi truy cập từ ứng dụng khách)',
      `POST ${RULES_API}/rulesets  (nội dung firestore.rules)`,
      `PATCH ${RULES_API}/releases/cloud.firestore  (trỏ sang bộ quy tắc vừa tạo; POST ${RULES_API}/releases nếu chưa có)`,
      ...exemptionSteps(11),
      ...compositeSteps(17),
      '22. Tạo hàng đợi Cloud Tasks journey-sheets: tối đa 1 lần gọi mỗi giây, 1 lần cùng lúc',
      `gcloud tasks queues create journey-sheets --location=asia-southeast1 --max-concurrent-dispatches=1 --max-dispatches-per-second=1 ${P} --quiet`,
      '23. Triển khai hàm journey (Cloud Functions thế hệ 2, Node.js 24; bản dựng chạy npm run gcp-build trên Google Cloud)',
      FUNCTION_DEPLOY,
      '24. Tạo lịch journey-resume (*/10 * * * *, giờ Việt Nam): POST /v1/internal/resume',
      job('create', 'journey-resume', '*/10 * * * *', '/v1/internal/resume', 'Ghi nốt các dòng bảng tính còn chờ (của các phiên bản hàm đã dừng)'),
      ...mailJobs('create').flatMap((line): string[] => [expect.stringMatching(/^\d+\. Tạo lịch journey-(mail|report)-/) as string, line]),
    ]);
    expect(gcloud.calls.length).toBe(14);
    expect(gcloud.changes()).toEqual([]);
  });

  it('on a deployed project updates the queue, the function and the job, and creates nothing', async () => {
    const { code, output, gcloud } = await deployWith(deployedProject(), { dryRun: true });
    expect(code).toBe(0);
    const commands = planOf(output).filter((line) => line.startsWith('gcloud') || /^(POST|PATCH) /.test(line));
    expect(commands).toEqual([
      expect.stringMatching(/^gcloud services enable /),
      `POST ${RULES_API}/rulesets  (nội dung firestore.rules)`,
      expect.stringMatching(/^PATCH /),
      ...EXEMPTIONS.map(exemptionCommand),
      `gcloud tasks queues update journey-sheets --location=asia-southeast1 --max-concurrent-dispatches=1 --max-dispatches-per-second=1 ${P} --quiet`,
      FUNCTION_DEPLOY,
      job('update', 'journey-resume', '*/10 * * * *', '/v1/internal/resume', 'Ghi nốt các dòng bảng tính còn chờ (của các phiên bản hàm đã dừng)'),
      ...mailJobs('update'),
    ]);
    expect(gcloud.changes()).toEqual([]);
  });

  it('creates only the composite indexes the project lacks', async () => {
    const world = deployedProject();
    world.compositeIndexes = world.compositeIndexes?.filter((index) => !index.name.includes('/collectionGroups/mail/') || index.fields.some((f) => f.order === 'DESCENDING' && f.fieldPath === 'queuedAt'));
    const { output } = await deployWith(world, { dryRun: true });
    expect(planOf(output).filter((line) => line.includes('indexes composite'))).toEqual([compositeCommand(COMPOSITES[2] as [string, string, string]), compositeCommand(COMPOSITES[3] as [string, string, string])]);
    expect(output).toContainEqual(expect.stringContaining('sẽ tạo 2/5 chỉ mục ghép còn thiếu'));
  });

  it('shows the mail steps: the mail secret’s reader, the sender in the function’s settings, the report and drain jobs (--with-reports changes nothing)', async () => {
    const world = deployedProject();
    world.mailSecretBindings = [];
    world.jobs = ['journey-resume'];
    const { output } = await deployWith(world, { dryRun: true, withReports: true });
    const plan = planOf(output);
    expect(plan).toContain(`gcloud secrets add-iam-policy-binding JOURNEY_MAIL_CREDENTIALS ${MEMBER} --role=roles/secretmanager.secretAccessor ${P} --quiet`);
    expect(plan).toContain(FUNCTION_DEPLOY);
    expect(plan.filter((line) => line.startsWith('gcloud scheduler'))).toEqual([
      job('update', 'journey-resume', '*/10 * * * *', '/v1/internal/resume', 'Ghi nốt các dòng bảng tính còn chờ (của các phiên bản hàm đã dừng)'),
      ...mailJobs('create'),
    ]);
    expect(output.filter((line) => line.includes('✓ bí mật gửi thư JOURNEY_MAIL_CREDENTIALS trong Secret Manager (hộp thư hanhtrinh@doankhoi.example.vn)'))).toHaveLength(1);
  });

  it('uses the configured function URL for the function, its tasks and its jobs', async () => {
    const world = deployedProject();
    world.deployed = { url: 'https://asia-southeast1-hanh-trinh-test.cloudfunctions.net/journey', serviceConfig: { uri: 'https://journey-abc123-as.a.run.app' } };
    const { code, output } = await deployWith(world, { dryRun: true, config: { ...SAMPLE_CONFIG, functionUrl: 'https://journey-abc123-as.a.run.app' } });
    expect(code).toBe(0);
    const plan = planOf(output);
    expect(plan.find((line) => line.startsWith('gcloud functions deploy'))).toContain('JOURNEY_FUNCTION_URL=https://journey-abc123-as.a.run.app,');
    expect(plan.find((line) => line.startsWith('gcloud scheduler'))).toContain(
      '--uri=https://journey-abc123-as.a.run.app/v1/internal/resume --http-method=POST --update-headers=Content-Type=application/json',
    );
  });
});
