/** The split's arm assignment lives in the journey lib, shared with the journey preview. */
export { pickArm, splitBucket, splitReason } from '@waypoint/journey/engine';
