export async function ingestBench() {}
