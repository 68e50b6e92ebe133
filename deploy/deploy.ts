// `npm run deploy`: reads the configuration, checks the project, refuses with one message naming what is missing, then prints (--dry-run) or runs the plan.
import { relative } from 'node:path';
import { checkDeployment, formatFindings, missingItemsMessage, GUIDE_SECTIONS, refusalMessage } from './check';
import { FUNCTION_SETTINGS, readDeployConfig } from './config';
import { executePlan } from './execute';
import { readFirestoreFiles } from './firestore-files';
import { formatPlan } from './format';
import { planDeployment, secretRotation } from './plan';
import { resourcesOf } from './resources';
import { readJson, type CommandRunner } from './runner';
import { readCloudState } from './state';

export interface DeployOptions {
  configPath: string;
  dryRun: boolean;
  withReports: boolean;
  /** `--rotate-secret` / `--retire-previous-secret` (docs/deploy.md, "Rotating the shared secret"). */
  rotation?: 'rotate' | 'retire';
}

export interface DeployDeps {
  runner: CommandRunner;
  fetch: typeof fetch;
  print: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  /** The repository: firebase.json, the rules, and the sources the upload folder is made from. */
  rootDir: string;
  /** The Firebase Rules API's root when not Google's (gcloud's override of it, CLOUDSDK_API_ENDPOINT_OVERRIDES_FIREBASERULES). */
  rulesApi?: string;
}

/** Returns the exit code. */
export async function runDeploy(options: DeployOptions, deps: DeployDeps): Promise<number> {
  const { print } = deps;
  const reading = readDeployConfig(options.configPath);
  if (!reading.ok) {
    const shown = options.configPath.startsWith(deps.rootDir)
      ? relative(deps.rootDir, options.configPath)
      : options.configPath;
    print(
      refusalMessage(
        `Chưa triển khai: cấu hình ${shown} còn thiếu hoặc sai ${String(reading.problems.length)} mục.`,
        reading.problems,
        'Mẫu đầy đủ: deploy/config.example.json. Sửa rồi chạy lại npm run deploy.',
      ),
    );
    return 1;
  }
  const { config } = reading;
  const resources = resourcesOf(config);
  print(`Đang đọc dự án ${config.project} (chỉ đọc, không thay đổi gì)…`);
  const state = await readCloudState(resources, deps.runner);
  const files = readFirestoreFiles(deps.rootDir);
  const check = checkDeployment(config, resources, state, files);
  const refusal = missingItemsMessage(check.findings);
  if (refusal !== undefined || check.functionUrl === undefined) {
    print(refusal ?? 'Chưa triển khai: chưa biết URL của hàm.');
    return 1;
  }
  const underWay = secretRotation({ state }).previous;
  if (options.rotation === 'rotate' && underWay !== undefined) {
    print(
      `Chưa thay khóa: lần thay khóa trước chưa xong (hàm còn nhận khóa cũ, phiên bản ${underWay} của ${resources.secret}). ` +
        'Khi Apps Script đã dùng khóa mới, chạy npm run deploy -- --retire-previous-secret, rồi mới thay khóa lần nữa.',
    );
    return 1;
  }
  if (options.rotation === 'retire' && underWay === undefined) {
    print(
      `Không có lần thay khóa nào đang diễn ra: hàm chỉ nhận một khóa (${FUNCTION_SETTINGS.sharedSecret}), không có khóa cũ nào để bỏ.`,
    );
    return 1;
  }
  print('Kiểm tra cấu hình (✓ có sẵn, + lần chạy này sẽ làm):');
  for (const line of formatFindings(check.findings)) print(line);
  const planInput = {
    config,
    resources,
    state,
    functionUrl: check.functionUrl,
    withReports: options.withReports,
    rules: files.rules,
    exemptions: files.indexes.exemptions ?? [],
    composites: files.indexes.composites ?? [],
    ttls: files.indexes.ttls ?? [],
    ...(options.rotation === undefined ? {} : { rotation: options.rotation }),
  };
  const rotation = secretRotation(planInput);
  const steps = planDeployment(planInput);

  if (options.dryRun) {
    print(`Kế hoạch (${String(steps.length)} bước, theo thứ tự):`);
    for (const line of formatPlan(steps)) print(line);
    print('Chạy thử: chưa lệnh nào ở trên được chạy. Bỏ --dry-run để triển khai.');
    return 0;
  }

  const execution = await executePlan(steps, deps);
  if (!execution.ok) {
    print(execution.message);
    return 1;
  }
  const latestSecret = `gcloud secrets versions access latest --secret=${resources.secret} --project=${resources.project}`;
  const lines = [`Đã triển khai: ${check.functionUrl}`];
  const secretMenu = 'menu Hành trình → Nhập khóa bí mật (tài khoản cài đặt trình kích hoạt)';
  if (options.rotation === 'rotate') {
    lines.push(
      `Đã thêm khóa mới (phiên bản mới nhất của ${resources.secret}). Trong lúc chuyển, hàm nhận cả khóa mới lẫn khóa cũ (phiên bản ${rotation.previous ?? '?'}), nên biểu mẫu và hàng chờ không lúc nào dừng.`,
      'Cập nhật Apps Script:',
      `  1. Lấy khóa mới: ${latestSecret}`,
      `  2. Đăng nhập bằng tài khoản đã cài đặt trình kích hoạt, mở bảng tính tổng hợp, chọn ${secretMenu} và dán khóa mới (khóa được thử với hàm trước khi lưu).`,
      '  3. Khi menu Tình trạng công việc không còn mục nào chờ gửi lại vì lỗi chữ ký, chạy: npm run deploy -- --retire-previous-secret (hàm thôi nhận khóa cũ, phiên bản cũ bị tắt).',
    );
  } else if (options.rotation === 'retire') {
    lines.push(
      `Đã bỏ khóa cũ: hàm chỉ nhận khóa mới; phiên bản ${rotation.disable ?? '?'} của ${resources.secret} đã tắt (bật lại được bằng gcloud secrets versions enable ${rotation.disable ?? '?'} --secret=${resources.secret} --project=${resources.project}).`,
    );
  } else if (rotation.previous !== undefined) {
    lines.push(
      `Đang thay khóa: hàm vẫn nhận cả khóa cũ (phiên bản ${rotation.previous}). Khi Apps Script đã dùng khóa mới, chạy npm run deploy -- --retire-previous-secret.`,
    );
  }
  if ((config.administrators ?? []).length === 0) {
    lines.push(
      `Chưa có quản trị viên nào ("administrators" trong cấu hình, ${FUNCTION_SETTINGS.admins} của hàm): không ai mở được các việc quản trị (đẩy kế hoạch, đồng bộ, báo cáo, chuyển năm…). Thêm email tài khoản Google của họ rồi chạy lại npm run deploy.`,
    );
  }
  if (config.mail?.accountType === 'workspace') {
    // The client id of the runtime account, which a Workspace administrator grants the gmail.send scope (docs/deploy.md, "Sending in production").
    const runtime = await readJson(deps.runner, [
      'gcloud',
      'iam',
      'service-accounts',
      'describe',
      resources.runtimeAccount,
      `--project=${resources.project}`,
      '--format=json',
    ]);
    const id = runtime.ok ? (runtime.value as { oauth2ClientId?: unknown }).oauth2ClientId : undefined;
    const clientId = typeof id === 'string' ? id : '';
    lines.push(
      `Gửi thư từ ${config.mail.sender}: quản trị viên Google Workspace mở Admin console → Bảo mật → Kiểm soát truy cập và dữ liệu → Kiểm soát API → Ủy quyền trên toàn miền, thêm mã ứng dụng khách ${clientId || `của ${resources.runtimeAccount}`} với phạm vi https://www.googleapis.com/auth/gmail.send. Đến lúc đó thư chờ trong hộp thư đi.`,
    );
  } else if (config.mail === undefined) {
    lines.push(
      `Chưa cấu hình gửi thư: hàm xếp mọi thư vào hộp thư đi và chờ. Thêm "mail" vào cấu hình rồi chạy lại npm run deploy (docs/deploy.md, "${GUIDE_SECTIONS.mail}").`,
    );
  }
  lines.push(
    `Còn lại, làm bằng tay (docs/deploy.md, "${GUIDE_SECTIONS.deploy}", bước 7 và 8):`,
    `  • Đẩy kế hoạch năm, bằng tài khoản Google của một quản trị viên (gcloud auth login): JOURNEY_URL=${check.functionUrl} npm run journey -- config push <tệp kế hoạch>`,
    `  • Apps Script, Script Properties: JOURNEY_URL=${check.functionUrl}, JOURNEY_SERVICE_ACCOUNT=${resources.runtimeAccount}, JOURNEY_YEAR (khóa bí mật không để ở đây)`,
    `  • npm run gas:push, rồi tài khoản sẽ cài đặt trình kích hoạt chọn menu Hành trình → Thiết lập / cập nhật biểu mẫu và dán khóa bí mật khi được hỏi (${latestSecret}); khóa chỉ lưu trong Thuộc tính người dùng của tài khoản đó`,
  );
  print(lines.join('\n'));
  return 0;
}
