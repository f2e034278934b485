/**
 * The form elements' own words, Chinese first and English second. Field labels come from the schema
 * (`title`, and `x-title-en` for English).
 */

/** The languages of the form elements. */
export type FormLanguage = 'zh-CN' | 'en';

const strings = {
  required: ['必填', 'required'],
  empty: ['未填写', 'not given'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  choose: ['请选择', 'Choose'],
  to: ['至', 'to'],
  start: ['开始日期', 'Start date'],
  end: ['结束日期', 'End date'],
  yuan: ['元', 'yuan'],
  formula: ['计算方法', 'Formula'],
  birthDate: ['出生日期', 'Date of birth'],
  sex: ['性别', 'Sex'],
  male: ['男', 'male'],
  female: ['女', 'female'],
  addRow: ['添加一行', 'Add a row'],
  addMember: ['添加家庭成员', 'Add a household member'],
  removeRow: ['删除', 'Remove'],
  moveUp: ['上移', 'Move up'],
  moveDown: ['下移', 'Move down'],
  row: ['第{n}行', 'Row {n}'],
  rowAdded: ['已添加第{n}行。', 'Row {n} added.'],
  rowRemoved: ['已删除第{n}行。', 'Row {n} removed.'],
  rowMoved: ['已移到第{n}行。', 'Moved to row {n}.'],
  noRows: ['尚未添加。', 'None yet.'],
  actions: ['操作', 'Actions'],
  previous: ['上一步', 'Back'],
  next: ['下一步', 'Next'],
  stepOf: ['第{n}步，共{m}步', 'Step {n} of {m}'],
  errorSummary: ['还有{n}处需要修改：', '{n} things to fix:'],
  province: ['省', 'Province'],
  city: ['市', 'City'],
  county: ['县（区）', 'County'],
  township: ['乡镇（街道）', 'Township'],
  village: ['村（居）', 'Village'],
  loading: ['正在加载…', 'Loading…'],
  loadFailed: ['加载失败，请重试。', 'Could not load; try again.'],
  addFiles: ['选择文件', 'Choose files'],
  remove: ['移除', 'Remove'],
  fileTooLarge: ['“{name}”超过 {max}，未添加。', '“{name}” is larger than {max}; not added.'],
  fileWrongType: ['“{name}”的类型不在允许范围（{types}），未添加。', '“{name}” is not an allowed type ({types}); not added.'],
  tooManyFiles: ['最多上传 {max} 个文件。', 'At most {max} files.'],
  uploading: ['正在上传…', 'Uploading…'],
  uploadFailed: ['“{name}”上传失败：{reason}', '“{name}” failed to upload: {reason}'],
  allowed: ['允许：{types}，每个不超过 {max}', 'Allowed: {types}, each up to {max}'],
  changed: ['修改', 'changed'],
  added: ['新增', 'added'],
  removed: ['删除', 'removed'],
  noChanges: ['两个版本没有差别。', 'The two versions are the same.'],
  before: ['修改前', 'Before'],
  after: ['修改后', 'After'],
  field: ['字段', 'Field'],
} as const;

/** A message key. */
export type StringKey = keyof typeof strings;

/** The text of `key` in `language`, with `{name}` placeholders filled. */
export function text(language: FormLanguage, key: StringKey, values: Record<string, string | number> = {}): string {
  const template: string = strings[key][language === 'en' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
