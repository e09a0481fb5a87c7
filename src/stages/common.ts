import { z } from 'zod';

/** Options every stage accepts. */
export const stageBaseShape = {
  /** Stable id of this stage: its random draws then survive inserting other stages before it. */
  id: z.string().min(1).optional(),
};
