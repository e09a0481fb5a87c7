import { parseCommand } from './usage.js';

const USAGE = `Usage: ganpipe doctor [--json]

Shows the active tfjs backend, the tfjs and TensorFlow versions, where libtensorflow came
from, sharp/libvips versions and thread settings. Exits 1 when the backend is not native.`;

/** `ganpipe doctor`. */
export async function doctorCommand(argv: string[]): Promise<number> {
  const cmd = parseCommand(argv, { json: { type: 'boolean' } }, USAGE);
  if (cmd.help) {
    console.log(USAGE);
    return 0;
  }
  const { doctor, formatDoctor } = await import('../backend/doctor.js');
  const report = await doctor();
  console.log(cmd.values['json'] ? JSON.stringify(report, null, 2) : formatDoctor(report));
  return report.native ? 0 : 1;
}
