import { Observable, type OperatorFunction } from 'rxjs';

/**
 * Like `mergeMap(project, concurrency)`, but emits results in input order, so a run's output
 * does not depend on which task finished first. A project that resolves to `undefined`
 * emits nothing for that input (the sample was rejected) without holding up later ones.
 *
 * Inputs beyond `concurrency` wait in a queue; the pipeline's credit gate bounds how many
 * can arrive, so the queue is bounded too.
 */
export function orderedMap<T, R>(
  project: (value: T) => Promise<R | undefined> | R | undefined,
  concurrency: number,
): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      const waiting: { seq: number; value: T }[] = [];
      const done = new Map<number, R | undefined>();
      let arrived = 0;
      let emitted = 0;
      let running = 0;
      let sourceComplete = false;
      let closed = false;

      const flush = () => {
        while (done.has(emitted)) {
          const result = done.get(emitted);
          done.delete(emitted);
          emitted++;
          if (result !== undefined) subscriber.next(result);
          if (closed) return;
        }
        if (sourceComplete && emitted === arrived) subscriber.complete();
      };

      const startMore = () => {
        while (!closed && running < concurrency && waiting.length > 0) {
          const { seq, value } = waiting.shift()!;
          running++;
          Promise.resolve()
            .then(() => project(value))
            .then(
              (result) => {
                running--;
                if (closed) return;
                done.set(seq, result);
                flush();
                startMore();
              },
              (error: unknown) => {
                running--;
                if (!closed) subscriber.error(error);
              },
            );
        }
      };

      const subscription = source.subscribe({
        next: (value) => {
          waiting.push({ seq: arrived++, value });
          startMore();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceComplete = true;
          flush();
        },
      });

      return () => {
        // Results of tasks still running are dropped: nobody is listening any more.
        closed = true;
        subscription.unsubscribe();
      };
    });
}
