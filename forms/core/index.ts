/**
 * forms/core: JSON-Schema forms for civil-affairs cases — validation with Chinese messages,
 * Chinese identifier formats, input safety, computed fields and conditions in a small safe
 * expression language, per-step field permissions and masking. Pure: runs in the browser and in
 * PocketBase's JS VM alike. See docs/forms.md.
 *
 * @packageDocumentation
 */
export type * from './types.js';
export type * from './uiSchema.js';
export { createFormValidator, type FormValidatorOptions, type SchemaValidateFunction } from './createFormValidator.js';
export { createAjv, annotationKeywords, type CreateAjvOptions } from './createAjv.js';
export { tongbanFormats } from './formats/tongbanFormats.js';
export { FormValidatorCache, type CompiledForm } from './FormValidatorCache.js';
export { checkInputSafety, defaultSafetyLimits, type SafetyLimits } from './checkInputSafety.js';
export { applyPermissions, maskValue, masksFromSchema, permissionAt, redactForView } from './permissions.js';
export { attachmentReferences } from './attachmentReferences.js';
export { maskSensitiveFields, maskedValueErrors, restoreMaskedValues, sensitiveTexts } from './maskedValues.js';
export { mergePatchBetween } from './mergePatch.js';
export { compileFormRules, type ComputedField, type ConditionalField, type FormRules } from './compileFormRules.js';
export { evaluateComputed, type ComputeOptions } from './evaluateComputed.js';
export { evaluateFieldStates, type FieldState } from './evaluateFieldStates.js';
export { fieldInstances, type FieldInstance } from './fieldInstances.js';
export { compileExpression, type CompiledExpression } from './expression/compileExpression.js';
export { parseExpression, expressionDependencies, expressionFunctions, type ExpressionNode, type PathSegment } from './expression/parseExpression.js';
export { evaluateExpression, roundTo, type ExpressionContext, type ExpressionValue } from './expression/evaluateExpression.js';
export { ExpressionError } from './expression/ExpressionError.js';
export { idCardFields } from './idCardFields.js';
export { listSchemaFields, schemaAtPath, type SchemaField } from './schemaFields.js';
export { ownEntry } from './ownEntry.js';
export { checkUiSchema } from './uiSchema.js';
export { parseIdCard, isIdCard, idCardProblem, idCardProblemMessages, idCardCheckChar, type IdCardInfo, type IdCardProblem } from './formats/idCard.js';
export { isBankCard, isCalendarDate, isDateRange, isMobile, isMoneyYuan, isRegionCode, isUscc } from './formats/checksums.js';
export { zhMessage } from './zhMessages.js';
export { diffFormData, type DataChange } from './diffFormData.js';
export { bundleFormParts, resolvePartFile, type ReadFormPart } from './bundleFormParts.js';
