import * as fs from 'fs';
import * as path from 'path';
import { ScannedPackage } from './drift-report';
import { readTgz } from './tgz-reader';

/** Reads every `.tgz` npm package in a folder (name and version from its `package.json`). */
export function readPackageFolder(folder: string): ScannedPackage[] {
  const tarballs = fs.readdirSync(folder).filter(name => name.endsWith('.tgz')).sort();
  if (tarballs.length === 0) throw new Error(`No .tgz packages in ${folder}. Create them with: npm pack <package>@<version>`);
  return tarballs.map(name => {
    const files = readTgz(fs.readFileSync(path.join(folder, name)));
    const manifest = files.find(file => file.path === 'package.json');
    if (manifest === undefined) throw new Error(`${name} has no package.json: it is not an npm package.`);
    const { name: packageName, version } = JSON.parse(manifest.content.toString('utf8'));
    return { name: packageName, version, files };
  });
}
