/**
 * forms/core: JSON-Schema forms for civil-affairs cases — validation with Chinese messages,
 * Chinese identifier formats, input safety, per-step field permissions and masking. Pure: runs in
 * the browser and in PocketBase's JS VM alike.
 *
 * @packageDocumentation
 */
export type * from './types.js';
export { createAjv, createFormValidator } from './createFormValidator.js';
export { checkInputSafety, defaultSafetyLimits, type SafetyLimits } from './checkInputSafety.js';
export { applyPermissions, maskValue, permissionAt, redactForView } from './permissions.js';
export { parseIdCard, isIdCard, type IdCardInfo } from './formats/idCard.js';
export { isBankCard, isMobile, isMoneyYuan, isRegionCode, isUscc } from './formats/checksums.js';
export { zhMessage } from './zhMessages.js';
