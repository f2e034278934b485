/**
 * Batch approval (批量通过): one opinion, every selected case approved one after the other; a
 * refusal or a conflict on one case does not stop the others, and each case's result is told.
 */
import { errorMessage } from '../../api/client.js';
import { getCase, sendCommand } from '../../api/cases.js';

/** The result of approving one case. */
export interface BatchResult {
  caseId: string;
  ok: boolean;
  /** Why it failed, in Chinese (or the step it moved to, on success). */
  message: string;
}

/** Approves each case with `comment` by the approve action its current step offers the user. */
export async function approveCases(caseIds: readonly string[], comment: string): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (const caseId of caseIds) {
    try {
      const view = await getCase(caseId);
      const approve = view.actions.find((a) => a.kind === 'approve');
      if (!approve) {
        results.push({ caseId, ok: false, message: `此案件现在处于“${view.case.stepName}”环节，没有您可以办理的通过操作（可能已由他人办理）。` });
        continue;
      }
      const answer = await sendCommand(view.case, approve.action, comment.trim() ? { comment: comment.trim() } : {});
      results.push({ caseId, ok: true, message: answer.case.stepName ?? answer.case.step });
    } catch (e) {
      results.push({ caseId, ok: false, message: errorMessage(e) || '办理失败。' });
    }
  }
  return results;
}
