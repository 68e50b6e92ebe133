// Entry point of `npm run deploy [-- --dry-run] [--with-reports] [--config=path]`: wires the real gcloud, fetch and console to runDeploy.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runDeploy } from './deploy';
import { processRunner } from './runner';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Cách dùng: npm run deploy -- [--dry-run] [--rotate-secret | --retire-previous-secret] [--config=deploy/config.json]
  --dry-run       kiểm tra và in mọi lệnh sẽ chạy, theo thứ tự; không thay đổi gì
  --rotate-secret thêm khóa bí mật mới; hàm nhận cả khóa mới và khóa cũ cho đến khi bỏ khóa cũ
  --retire-previous-secret  sau khi Apps Script đã dùng khóa mới: hàm thôi nhận khóa cũ, phiên bản cũ bị tắt
  --with-reports  (không còn cần: các lịch gửi báo cáo và gửi thư luôn được tạo)
  --config        tệp cấu hình (mặc định deploy/config.json, chép từ deploy/config.example.json)`;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        'with-reports': { type: 'boolean', default: false },
        'rotate-secret': { type: 'boolean', default: false },
        'retire-previous-secret': { type: 'boolean', default: false },
        config: { type: 'string', default: join(ROOT, 'deploy', 'config.json') },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return undefined;
  }
}

const options = parseOptions();
if (options === undefined) {
  process.exitCode = 2;
} else if (options.help) {
  console.log(USAGE);
} else if (options['rotate-secret'] && options['retire-previous-secret']) {
  console.error(
    `--rotate-secret và --retire-previous-secret là hai lần chạy riêng: thay khóa, cập nhật Apps Script, rồi mới bỏ khóa cũ.\n${USAGE}`,
  );
  process.exitCode = 2;
} else {
  const rotation = options['rotate-secret'] ? 'rotate' : options['retire-previous-secret'] ? 'retire' : undefined;
  process.exitCode = await runDeploy(
    {
      configPath: options.config,
      dryRun: options['dry-run'],
      withReports: options['with-reports'],
      ...(rotation === undefined ? {} : { rotation }),
    },
    {
      runner: processRunner(ROOT),
      fetch,
      print: (line) => {
        console.log(line);
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      rootDir: ROOT,
      // Where gcloud's own calls go, the deploy's call of the Rules API goes too (a local fake in the deploy's tests).
      rulesApi: process.env.CLOUDSDK_API_ENDPOINT_OVERRIDES_FIREBASERULES,
    },
  );
}
