/**
 * The `tongban` command line.
 */
import { checkFile } from './checkCommand.js';

const help = `通办 Tongban 命令行

用法：
  tongban check <workflow.json>   校验流程定义并做静态检查（不可达步骤、死路、未定义目标、无法确定的办理人、期限超出总时限），
                                  以及同目录的表单文件（form.schema.json、form.ui.json、form.sample.json）
                                  和文书模板（templates/<流程标识>/*.hbs：模板存在、助手在白名单内、只引用共享版式、不输出未转义的值，
                                  并以 <模板名>.sample.json 严格生成）
  tongban verify [数据目录]         核验数据目录（默认 pb_data）中每个案件的事件哈希链，并以事件重放案件、与存储的状态和数据比对；
                                  逐案输出结果，有任一案件未通过时退出码为 1（请在服务器停止时运行）
  tongban simulate <workflow.json> [选项] <步骤> …
                                  以真实引擎和模拟时钟按给定路径办理一个案件（用同目录 form.sample.json 作案件数据），
                                  逐步输出步骤、待办（层级、单位、职责）、期限（日期与工作日）、计时器、生成的文书和法定时限；
                                  步骤：操作名（可写“:退回步骤”“@applicant|village|township|county”）、+3wd / +7d / +4h（推进时间）、
                                  timer（推进到计时器到期并触发）、/路径=值（写入数据）；
                                  选项：--start 2026-03-02、--sample 文件、--form 表单文件（按其计算字段补算数据）、--templates 模板目录、--html 文书输出目录；
                                  有步骤不能执行时退出码为 1
  tongban --help                  显示本帮助
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(help);
    return command ? 0 : 2;
  }
  if (command === 'check') {
    const outcome = await checkFile(rest[0]);
    const out = outcome.exitCode === 0 ? process.stdout : process.stderr;
    for (const line of outcome.lines) out.write(`${line}\n`);
    return outcome.exitCode;
  }
  if (command === 'simulate') {
    const { simulateCommand } = await import('./simulateCommand.js');
    const outcome = await simulateCommand(rest);
    const out = outcome.exitCode === 0 ? process.stdout : process.stderr;
    for (const line of outcome.lines) out.write(`${line}\n`);
    return outcome.exitCode;
  }
  if (command === 'verify') {
    try {
      // Loaded only here: it brings the hook build and the PocketBase starter, which `check` does not need.
      const { verifyDataFolder } = await import('./verifyCommand.js');
      const outcome = await verifyDataFolder(rest[0]);
      const out = outcome.exitCode === 2 ? process.stderr : process.stdout;
      for (const line of outcome.lines) out.write(`${line}\n`);
      return outcome.exitCode;
    } catch (e) {
      process.stderr.write(`核验失败：${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  process.stderr.write(`未知命令“${command}”。\n\n${help}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
