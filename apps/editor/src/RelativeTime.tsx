// A timestamp shown as a distance ("5 min ago") with the exact ISO time on hover and for machines.
import { formatRelativeTime } from './relative-time';

export function RelativeTime({ time, now }: { time: string; now: Date }) {
  return (
    <time dateTime={time} title={time}>
      {formatRelativeTime(time, now)}
    </time>
  );
}
