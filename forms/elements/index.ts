/**
 * forms/elements: the Lit elements that draw a form from configuration — `<tb-form>` and one
 * element per widget, chosen by a ranked registry — plus the print and diff views. Importing this
 * module defines every element. See docs/forms.md.
 *
 * @packageDocumentation
 */
import './widgets/TbTextField.js';
import './widgets/TbPhoneField.js';
import './widgets/TbBankCardField.js';
import './widgets/TbIdCardField.js';
import './widgets/TbTextareaField.js';
import './widgets/TbNumberField.js';
import './widgets/TbMoneyField.js';
import './widgets/TbDateField.js';
import './widgets/TbDateRangeField.js';
import './widgets/TbSelectField.js';
import './widgets/TbOrgUnitField.js';
import './widgets/TbRadioField.js';
import './widgets/TbCheckboxGroupField.js';
import './widgets/TbSwitchField.js';
import './widgets/TbRegionField.js';
import './widgets/TbStringListField.js';
import './widgets/TbTableField.js';
import './widgets/TbAttachmentsField.js';

export { TbForm, type FormChangeDetail } from './TbForm.js';
export { TbDiff } from './views/TbDiff.js';
export { TbField, type ChromeKind, type FieldMode } from './TbField.js';
export { FormStore, type FormStoreOptions, type StoreListener } from './store/FormStore.js';
export { WidgetRegistry, namedWidgetRank, type WidgetContext, type WidgetEntry } from './registry/WidgetRegistry.js';
export { defaultWidgets } from './registry/defaultWidgets.js';
export { chunkedRegionSource, regionSource, setRegionSource, type RegionNode, type RegionSource } from './regions/RegionSource.js';
export { noOrgUnits, orgUnitKindOf, orgUnitSource, setOrgUnitSource, type OrgUnitChoice, type OrgUnitSource } from './orgUnits/OrgUnitSource.js';
export {
  attachmentLinker,
  attachmentUploader,
  inPageUploader,
  setAttachmentLinker,
  setAttachmentUploader,
  storedUrlLinker,
  type AttachmentLinker,
  type AttachmentUploader,
  type AttachmentValue,
} from './attachments/AttachmentUploader.js';
export { formatValue } from './chrome/formatValue.js';
export { text, type FormLanguage } from './chrome/strings.js';
