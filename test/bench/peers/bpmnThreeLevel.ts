/**
 * The peer for the engine benchmark: bpmn-engine running the same 3-level approval as
 * `threeLevelDefinition` (village → township → amount gateway → county → end), driven the way
 * a database-backed server drives an engine: for every command, restore the instance from its
 * persisted JSON state, signal the waiting user task, and persist the new state.
 */
import { Engine } from 'bpmn-engine';
import { EventEmitter } from 'node:events';

export const threeLevelBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="threeLevel">
  <process id="approval" isExecutable="true">
    <startEvent id="start" />
    <userTask id="village" />
    <userTask id="township" />
    <exclusiveGateway id="amountGateway" default="toDirect" />
    <userTask id="county" />
    <endEvent id="approved" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="village" />
    <sequenceFlow id="f2" sourceRef="village" targetRef="township" />
    <sequenceFlow id="f3" sourceRef="township" targetRef="amountGateway" />
    <sequenceFlow id="toCounty" sourceRef="amountGateway" targetRef="county">
      <conditionExpression xsi:type="tFormalExpression" language="javascript">next(null, environment.variables.amount &gt; 10000);</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="toDirect" sourceRef="amountGateway" targetRef="approved" />
    <sequenceFlow id="f5" sourceRef="county" targetRef="approved" />
  </process>
</definitions>`;

/** Persisted state of one bpmn-engine instance, as a server would store it. */
type StoredState = string;

interface PostponedApi {
  id: string;
  type: string;
}

function waitingTaskOf(execution: { getPostponed(): PostponedApi[] }): string | undefined {
  return execution.getPostponed().find((api) => api.type === 'bpmn:UserTask')?.id;
}

/** Starts an instance and returns its persisted state (waiting in the village task). */
export async function startBpmnInstance(amount: number): Promise<StoredState> {
  const engine = new Engine({ name: 'threeLevel', source: threeLevelBpmn, settings: { enableDummyService: false } });
  await engine.execute({ listener: new EventEmitter(), variables: { amount } });
  const state = await engine.getState();
  return JSON.stringify(state);
}

/** Restores an instance from its state, completes the waiting user task, returns the new state (or `done`). */
export async function signalBpmnInstance(stored: StoredState): Promise<{ state: StoredState; done: boolean }> {
  const engine = new Engine({ name: 'threeLevel', source: threeLevelBpmn }).recover(JSON.parse(stored));
  const listener = new EventEmitter();
  const execution = await engine.resume({ listener });
  const taskId = waitingTaskOf(execution as unknown as { getPostponed(): PostponedApi[] });
  if (!taskId) throw new Error('bpmn-engine instance has no waiting user task');
  execution.signal({ id: taskId });
  const state = await engine.getState();
  return { state: JSON.stringify(state), done: state.state === 'idle' || engine.state === 'idle' };
}
