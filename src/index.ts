export * as cilium from './imports/cilium.io';
