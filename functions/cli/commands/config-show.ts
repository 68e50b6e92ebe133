// `config show <năm>`: prints the year's plan as the function serves it, with every default filled in.
import { parseYear } from '../args';
import type { CliCommand } from '../command';
import { formatBody } from '../format';

export interface ConfigShowCommand {
  kind: 'config-show';
  year: number;
}

export const configShow: CliCommand<ConfigShowCommand> = {
  kind: 'config-show',
  name: 'config show',
  usage: '<năm>',
  summary: 'Xem kế hoạch năm, với mọi giá trị mặc định đã được điền.',
  options: [],
  maxArgs: 1,
  parse([word]) {
    const year = parseYear(word);
    return typeof year === 'string' ? year : { kind: 'config-show', year };
  },
  async run(command, { io, ok }) {
    io.out(formatBody(await ok('GET', `/v1/years/${command.year}/config`)));
    return 0;
  },
};
