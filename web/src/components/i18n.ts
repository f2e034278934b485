/**
 * The app's interface text: zh-CN first, English second.
 */
export type Lang = 'zh' | 'en';

const messages = {
  appName: ['通办 · 民政审批', 'Tongban · Civil-affairs approvals'],
  elderMode: ['长辈模式', 'Large text'],
  signOut: ['退出登录', 'Sign out'],
  signIn: ['登录', 'Sign in'],
  email: ['账号（邮箱）', 'Account (email)'],
  password: ['密码', 'Password'],
  codeTitle: ['输入验证码', 'Enter the code'],
  codeSent: ['验证码已发送到您的邮箱，5 分钟内有效。', 'A code has been mailed to you; it is valid for 5 minutes.'],
  code: ['邮箱验证码', 'Code from the email'],
  confirm: ['确认登录', 'Confirm'],
  resendCode: ['重新发送验证码', 'Send a new code'],
  codeResent: ['已重新发送验证码。', 'A new code has been sent.'],
  startOver: ['返回重新登录', 'Start over'],
  demoAccounts: ['演示账号（点击填入）', 'Demo accounts (click to fill in)'],
  myCases: ['我的申请', 'My applications'],
  cases: ['辖区案件', 'Cases in my area'],
  tasks: ['待办任务', 'My tasks'],
  noTasks: ['暂无待办任务。', 'No open tasks.'],
  noCases: ['暂无案件。', 'No cases.'],
  due: ['办理期限', 'Due'],
  provisional: ['暂定：当年放假安排尚未公布', 'provisional: the year’s official holidays are not yet known'],
  overdue: ['已超期', 'Overdue'],
  step: ['当前环节', 'Current step'],
  back: ['返回列表', 'Back to the list'],
  actions: ['可办理的操作', 'Actions'],
  comment: ['办理意见 / 理由', 'Comment / reason'],
  returnTo: ['退回到', 'Return to'],
  history: ['办理记录', 'History'],
  documents: ['文书', 'Documents'],
  noActions: ['当前没有您可以办理的操作。', 'There is nothing for you to do on this case now.'],
  done: ['操作成功。', 'Done.'],
  loading: ['正在加载…', 'Loading…'],
  caseData: ['申请材料', 'Application'],
  fixForm: ['请先修改表单中标出的问题。', 'Please fix the problems marked in the form first.'],
  reveal: ['查看完整信息', 'See in full'],
  revealHelp: ['屏蔽的信息仅在办理需要时查看；每次查看都会记录，申请人可以看到。', 'Masked details are for when the work needs them; every look is recorded and shown to the applicant.'],
  revealReason: ['查看理由', 'Reason'],
  revealed: ['查看了完整信息', 'saw in full'],
  ballot: ['您的评议意见', 'Your ballot'],
  ballotFor: ['同意', 'For'],
  ballotAgainst: ['反对', 'Against'],
  ballotScore: ['评分', 'Score'],
  ballotAbstain: ['弃权', 'Abstain'],
  ballotRecuse: ['申请回避（须写明理由）', 'Recuse (give the reason)'],
  ballotScoreValue: ['分数', 'Score'],
} as const;

/** The text of `key` in `lang`. */
export function t(lang: Lang, key: keyof typeof messages): string {
  return messages[key][lang === 'zh' ? 0 : 1];
}
