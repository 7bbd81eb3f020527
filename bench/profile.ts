// Reads a V8 .cpuprofile (node --cpu-prof) and names where the time went: the hottest functions by self
// time, and the project's own functions by inclusive time (self plus everything they called).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileEntry {
  name: string;
  where: string;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of the profiled time the server was not idle. */
  busyPercent: number;
  self: ProfileEntry[];
  projectInclusive: ProfileEntry[];
}

function where(url: string, line: number): string {
  if (!url) return '(native)';
  const project = /\/(src-main|src-shared|bench)\/.*$/.exec(url)?.[0];
  const nodeModule = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  // Project files run through tsx, whose output line numbers do not match the source: name the file only.
  if (project) return project.slice(1);
  return `${nodeModule ? `node_modules/${nodeModule}` : url.replace(/^.*\//, '')}:${line + 1}`;
}

export function summariseProfile(file: string, top: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Percentages are of the time the server was busy: idle samples are left out of the total.
  const totalHits =
    profile.nodes.reduce((a, n) => a + (n.callFrame.functionName === '(idle)' ? 0 : (n.hitCount ?? 0)), 0) ||
    1;
  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'}\u0000${where(n.callFrame.url, n.callFrame.lineNumber)}`;

  const self = new Map<string, number>();
  for (const n of profile.nodes) self.set(key(n), (self.get(key(n)) ?? 0) + (n.hitCount ?? 0));

  // Inclusive time, counting each function once per stack even when it recurses.
  const inclusive = new Map<string, number>();
  const walk = (node: ProfileNode, onStack: Set<string>): number => {
    let hits = node.hitCount ?? 0;
    const k = key(node);
    const fresh = !onStack.has(k);
    if (fresh) onStack.add(k);
    for (const child of node.children ?? []) {
      const c = byId.get(child);
      if (c) hits += walk(c, onStack);
    }
    if (fresh) {
      onStack.delete(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + hits);
    }
    return hits;
  };
  const root = profile.nodes[0];
  if (root) walk(root, new Set());

  const entries = (map: Map<string, number>, filter: (where: string) => boolean) =>
    [...map.entries()]
      .map(([k, hits]) => {
        const [name = '', at = ''] = k.split('\u0000');
        return { name, where: at, percent: (hits / totalHits) * 100 };
      })
      .filter((e) => filter(e.where) && !['(root)', '(program)', '(idle)'].includes(e.name))
      .sort((a, b) => b.percent - a.percent)
      .slice(0, top);

  const allHits = profile.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0) || 1;
  return {
    busyPercent: (totalHits / allHits) * 100,
    totalMs: (profile.endTime - profile.startTime) / 1000,
    self: entries(self, () => true),
    projectInclusive: entries(inclusive, (w) => w.startsWith('src-main/') || w.startsWith('src-shared/')),
  };
}
