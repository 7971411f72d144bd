package org.hubchargeback.usage;

import java.nio.file.Path;

/**
 * One usage export to read, in the order files are read (hub, then path).
 *
 * @param index position in the run's reading order
 * @param hub the hub the file was exported from (files carry no hub column)
 * @param path the file
 * @param displayName the path as reported in rejected rows and the manifest
 */
public record InputFile(int index, String hub, Path path, String displayName) {
}
