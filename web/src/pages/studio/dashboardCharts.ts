/**
 * The dashboard's charts as ECharts options, from the server's figures (one function per chart),
 * and the tree-shaken ECharts the page loads on demand: bar and line charts, the grid, tooltip,
 * legend and the aria component (which describes each chart in words and adds decal patterns, so
 * the series are told apart without colour).
 */
import type { DashboardAnswer } from '../../../../engine/index.js';

/** A chart: what the page shows above it, its ECharts option, and its figures as a table. */
export interface DashboardChart {
  key: string;
  title: string;
  option: Record<string, unknown>;
  table: { head: string[]; rows: (string | number)[][] };
}

/** The labels the charts use (passed in, so they follow the page's language). */
export interface ChartLabels {
  casesByProcess: string;
  active: string;
  done: string;
  approved: string;
  timeliness: string;
  onTime: string;
  late: string;
  openOverdue: string;
  amounts: string;
  amountYuan: string;
  month: string;
  stepTimes: string;
  workingDays: string;
  coverage: string;
  subjects: string;
  process: string;
  township: string;
  step: string;
}

const base = { aria: { enabled: true, decal: { show: true } }, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true } };

/** The charts of a dashboard answer, in the order the page shows them. */
export function dashboardCharts(figures: DashboardAnswer, l: ChartLabels): DashboardChart[] {
  const processNames = figures.processes.map((p) => p.name);
  const months = [...new Set(figures.amounts.map((a) => a.month))].sort();
  const amountProcesses = [...new Set(figures.amounts.map((a) => a.workflow))];
  const nameOf = (workflow: string) => figures.processes.find((p) => p.workflow === workflow)?.name ?? figures.coverage.find((c) => c.workflow === workflow)?.name ?? workflow;
  const stepLabel = (s: { workflow: string; stepName: string }) => `${nameOf(s.workflow)}·${s.stepName}`;
  return [
    {
      key: 'cases',
      title: l.casesByProcess,
      option: { ...base, xAxis: { type: 'category', data: processNames, axisLabel: { interval: 0, rotate: processNames.length > 4 ? 30 : 0 } }, yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: l.active, type: 'bar', stack: 'state', data: figures.processes.map((p) => p.active) },
          { name: l.done, type: 'bar', stack: 'state', data: figures.processes.map((p) => p.done) },
          { name: l.approved, type: 'line', data: figures.processes.map((p) => p.approved) },
        ] },
      table: { head: [l.process, l.active, l.done, l.approved], rows: figures.processes.map((p) => [p.name, p.active, p.done, p.approved]) },
    },
    {
      key: 'timeliness',
      title: l.timeliness,
      option: { ...base, xAxis: { type: 'category', data: figures.townships.map((t) => t.name) }, yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: l.onTime, type: 'bar', stack: 'closed', data: figures.townships.map((t) => t.closedOnTime) },
          { name: l.late, type: 'bar', stack: 'closed', data: figures.townships.map((t) => t.closedLate) },
          { name: l.openOverdue, type: 'bar', data: figures.townships.map((t) => t.openOverdue) },
        ] },
      table: { head: [l.township, l.onTime, l.late, l.openOverdue], rows: figures.townships.map((t) => [t.name, t.closedOnTime, t.closedLate, t.openOverdue]) },
    },
    {
      key: 'amounts',
      title: l.amounts,
      option: { ...base, xAxis: { type: 'category', data: months }, yAxis: { type: 'value', name: l.amountYuan },
        series: amountProcesses.map((w) => ({ name: nameOf(w), type: 'bar', stack: 'amount', data: months.map((m) => figures.amounts.find((a) => a.workflow === w && a.month === m)?.amount ?? 0) })) },
      table: { head: [l.month, l.process, l.amountYuan], rows: figures.amounts.map((a) => [a.month, nameOf(a.workflow), a.amount]) },
    },
    {
      key: 'step-times',
      title: l.stepTimes,
      option: { ...base, tooltip: { trigger: 'axis' }, xAxis: { type: 'value', name: l.workingDays }, yAxis: { type: 'category', data: figures.stepTimes.map(stepLabel) },
        series: [{ name: l.workingDays, type: 'bar', data: figures.stepTimes.map((s) => s.averageWorkingDays) }] },
      table: { head: [l.step, l.workingDays], rows: figures.stepTimes.map((s) => [stepLabel(s), s.averageWorkingDays]) },
    },
    {
      key: 'coverage',
      title: l.coverage,
      option: { ...base, xAxis: { type: 'category', data: figures.coverage.map((c) => c.name) }, yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: l.subjects, type: 'bar', data: figures.coverage.map((c) => c.subjects) }] },
      table: { head: [l.process, l.subjects], rows: figures.coverage.map((c) => [c.name, c.subjects]) },
    },
  ];
}

/** ECharts with only what the dashboard draws (loaded when the page opens). */
export async function loadCharts(): Promise<typeof import('echarts/core')> {
  const [core, charts, components, renderers] = await Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]);
  core.use([charts.BarChart, charts.LineChart, components.GridComponent, components.TooltipComponent, components.LegendComponent, components.AriaComponent, renderers.CanvasRenderer]);
  return core;
}
