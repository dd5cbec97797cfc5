/** One error out of a list of problems, for a reply that can carry one. */
import type { AppError } from '../../errors.ts';

/** The first problem, its message saying how many more there are. */
export function firstProblem(problems: readonly AppError[]): AppError {
  const [first] = problems as [AppError];
  if (problems.length === 1) return first;
  return { ...first, message: `${first.message} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` };
}
