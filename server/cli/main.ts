/**
 * The `tongban` command line.
 */
import { checkFile } from './checkCommand.js';

const help = `通办 Tongban 命令行

用法：
  tongban check <workflow.json>   校验流程定义并做静态检查（不可达步骤、死路、未定义目标、无法确定的办理人、期限超出总时限），
                                  以及同目录的表单文件（form.schema.json、form.ui.json、form.sample.json）
  tongban --help                  显示本帮助
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(help);
    return command ? 0 : 2;
  }
  if (command === 'check') {
    const outcome = checkFile(rest[0]);
    const out = outcome.exitCode === 0 ? process.stdout : process.stderr;
    for (const line of outcome.lines) out.write(`${line}\n`);
    return outcome.exitCode;
  }
  process.stderr.write(`未知命令“${command}”。\n\n${help}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
