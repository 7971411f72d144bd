package org.hubchargeback.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One chargeback process at a time per output folder, beside {@link RunLock}'s one per job database: two
 * installations with their own job databases ({@code --data-dir}) and the same {@code --output-dir} would otherwise
 * publish into, and prune, the same folders at once. The lock is an operating-system lock on
 * {@code <output-dir>/.hub-chargeback.lock}, which the system drops with the process however it ends; the file says
 * who holds it (data dir and pid) for the refusal of the second process. It lies beside {@code .staging}, not in it:
 * the staging folder must be free to be emptied, replaced or mounted.
 */
@Component
public class OutputLock {

	static final String FILE = ".hub-chargeback.lock";

	private final Path outputDir;

	private final String dataDir;

	private @Nullable FileChannel channel;

	private @Nullable FileLock held;

	@Autowired
	public OutputLock(HubChargebackProperties properties, Environment environment) {
		// only written into the lock file, for the operator reading the refusal (SettingsCheck made it absolute)
		this(properties.outputDir(), environment.getProperty("hub-chargeback.data-dir", "(unknown)"));
	}

	OutputLock(Path outputDir, String dataDir) {
		this.outputDir = outputDir;
		this.dataDir = dataDir;
	}

	/**
	 * Takes the lock at once.
	 * @throws InvalidConfigurationException when another process holds it, naming its data dir and pid
	 */
	public synchronized void acquire() {
		if (this.held != null) {
			return;
		}
		Path file = this.outputDir.resolve(FILE);
		FileChannel channel = null;
		try {
			Files.createDirectories(this.outputDir);
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null; // held by another OutputLock of this JVM
			}
			if (lock == null) {
				String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
				channel.close();
				throw new InvalidConfigurationException("another hub-chargeback process is using the output folder "
						+ this.outputDir.toAbsolutePath().normalize() + " ("
						+ (holder.isEmpty() ? "it is starting" : holder.replace('\n', ' ')) + ")");
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(("data dir " + this.dataDir + "\npid " + ProcessHandle.current().pid() + "\n")
				.getBytes(StandardCharsets.UTF_8)));
			channel.force(false);
			this.channel = channel;
			this.held = lock;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new InvalidConfigurationException("cannot lock the output folder: " + file.toAbsolutePath()
					+ " cannot be written (" + ex.getMessage() + ")");
		}
	}

	public synchronized void release() {
		if (this.held != null) {
			try {
				// emptied, not deleted: deleting a lock file lets a third process lock a new file while a second
				// still holds the old one
				Objects.requireNonNull(this.channel).truncate(0);
				this.held.release();
			}
			catch (IOException ex) {
				// closing the channel releases the lock anyway
			}
			closeQuietly(this.channel);
			this.held = null;
			this.channel = null;
		}
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing to release on a channel that cannot be closed
			}
		}
	}

}
