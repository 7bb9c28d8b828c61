// A Graph call the technician waits on, telling the service watch what it learnt: a call that
// could not reach the service marks the tenant offline at once (the next read shows the cache and
// says so), any answer marks it reachable.
import { ProblemError } from '../../core/problem.ts';
import type { ServiceWatch } from '../connection/service-watch.ts';

export async function liveCall<T>(watch: ServiceWatch, call: () => Promise<T>): Promise<T> {
  try {
    const result = await call();
    watch.saw(true);
    return result;
  } catch (error) {
    if (error instanceof ProblemError) {
      if (error.problem.code === 'offline') watch.saw(false);
      else if (error.problem.httpStatus !== undefined || error.problem.requestId !== undefined) watch.saw(true);
    }
    throw error;
  }
}
