/** An agent's view at the start of a step: the board as it is now, its focus task, its inbox
 * and the feedback on its previous actions (handed over once). */
import type { BoardRow, FocusTask, Observation } from '../protocol/observation';
import { topologicalOrder } from '../workload/dag';
import { roleOf, type AgentRec, type TeamContext } from './context';

export class Observer {
  private readonly rank: Map<string, number>;
  private rows: BoardRow[] = [];
  private rowsAt = -1;

  constructor(private readonly ctx: TeamContext) {
    this.rank = new Map(topologicalOrder(ctx.suite.tasks).map((id, i) => [id, i]));
  }

  observe(r: AgentRec, t: number, round: number): Observation {
    const { board, config, suite } = this.ctx;
    const id = r.handle.id;
    const role = roleOf(r);
    // Every agent that looks before the board changes sees the same rows (read-only, shared).
    if (this.rowsAt !== board.statusVersion) {
      this.rows = suite.tasks.map((task) => {
        const s = board.state.get(task.id)!;
        let status: BoardRow['status'];
        if (s.status === 'done') status = 'done';
        else if (s.owner) status = config.structure === 'decentralized' || config.structure === 'single' ? 'claimed' : 'assigned';
        else status = board.depsDone(task.id) ? 'ready' : 'blocked';
        return { id: task.id, title: task.title, file: task.file, dependencies: task.dependencies, status, owner: s.owner };
      });
      this.rowsAt = board.statusVersion;
    }
    const rows = this.rows;
    const mine = board.ownedBy(id).sort((a, b) => this.rank.get(a)! - this.rank.get(b)!);
    const focusId = mine.find((x) => board.depsDone(x)) ?? mine[0];
    let focus: FocusTask | undefined;
    if (focusId && role === 'worker') {
      const task = board.tasks.get(focusId)!;
      const file = board.files.get(task.file);
      focus = {
        id: task.id,
        title: task.title,
        description: task.description,
        file: task.file,
        exportName: task.exportName,
        dependencies: task.dependencies,
        dependencyFiles: task.dependencies
          .map((d) => board.tasks.get(d)!.file)
          .filter((p) => board.files.has(p))
          .map((p) => ({ path: p, content: board.files.get(p)!.content })),
        currentContent: file?.content,
        fileVersion: file?.version ?? 0,
        lastTest: r.lastTest.get(task.id),
      };
    }
    const inbox = this.ctx.mailbox.inbox(r, id, t);
    const feedback = r.feedback;
    r.feedback = [];
    return {
      agentId: id,
      role,
      structure: config.structure,
      round,
      step: r.step,
      team: this.ctx.team,
      board: rows,
      mine,
      focus,
      inbox,
      feedback,
      workers:
        role === 'leader'
          ? this.ctx.workers.filter((w) => w !== r).map((w) => ({ id: w.handle.id, owns: board.ownedBy(w.handle.id), failed: w.failed }))
          : undefined,
    };
  }
}
