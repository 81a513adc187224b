// The "Test" mark on everything a test run made: its run, its messages, the test profile.
export function TestMark({ what = 'test run' }: { what?: string }) {
  return (
    <span className="pill pill--info test-mark" title={`A ${what}: never counted in results`}>
      Test
    </span>
  );
}
