import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { addGoal, addMilestone, readGoal, updateGoal, updateMilestone } from '$lib/workspace';
import GoalProgress from '$lib/ui/goals/GoalProgress.svelte';
import { createPairDoc, expectOk, MENTEE } from '../../workspace/support/pairDoc';

/** The `value` of the `<progress>` with `testid` in server-rendered `body`. */
function barValue(body: string, testid: string): number | undefined {
  const bar = new RegExp(`<progress[^>]*value="(\\d+)"[^>]*data-testid="${testid}"`).exec(body);
  return bar ? Number(bar[1]) : undefined;
}

describe('GoalProgress', () => {
  it('moves the milestone bar when a milestone of a measured goal is ticked', () => {
    const doc = createPairDoc();
    expectOk(addGoal(doc, { by: MENTEE, id: 'g', title: 'Talks', target: 2 }));
    expectOk(updateGoal(doc, { by: MENTEE, goalId: 'g', current: 1 }));
    expectOk(addMilestone(doc, { by: MENTEE, id: 'm', goalId: 'g', title: 'Slides' }));
    const shown = () => render(GoalProgress, { props: { goal: readGoal(doc, 'g')!, testid: 'p' } });
    const before = shown().body;
    expect(barValue(before, 'p-measure')).toBe(50);
    expect(barValue(before, 'p-milestones')).toBe(0);
    expectOk(updateMilestone(doc, { by: MENTEE, milestoneId: 'm', done: true }));
    const after = shown().body;
    expect(barValue(after, 'p-measure')).toBe(50);
    expect(barValue(after, 'p-milestones')).toBe(100);
    expect(after).toContain('Milestones 1 of 1');
  });

  it('shows one bar for a goal with neither a measure nor milestones', () => {
    const doc = createPairDoc();
    expectOk(addGoal(doc, { by: MENTEE, id: 'g', title: 'Read more' }));
    const { body } = render(GoalProgress, { props: { goal: readGoal(doc, 'g')!, testid: 'p' } });
    expect(barValue(body, 'p')).toBe(0);
    expect(body).not.toContain('p-measure');
  });
});
