package org.hubchargeback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.csv.CsvDialect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A throw-away installation for whole-job tests: a configuration file, hub folders, an H2 job repository (or a
 * PostgreSQL schema, see {@link #postgres}) and an output folder under one temporary directory. {@link #run} starts the
 * application exactly as the launcher script does, in this JVM, and returns what the operator would see.
 */
public final class Workspace {

	private final Path root;

	private final StringBuilder config = new StringBuilder();

	private final StringBuilder settings = new StringBuilder();

	private Path externalConfig;

	private PostgresSchema postgres;

	private String dataDir;

	public Workspace(Path root) {
		this.root = root;
	}

	public Path root() {
		return this.root;
	}

	public Path out() {
		return this.root.resolve("out");
	}

	public Path range(String from, String to) {
		return out().resolve(from + "_" + to);
	}

	/**
	 * Adds a hub with its registration ({@code tenant=customerSubscription} pairs) and user subscriptions
	 * ({@code subscription=tenant} pairs).
	 */
	public Workspace hub(String name, String defaultSubscription, String culture, Map<String, String> registration,
			Map<String, String> userSubscriptions) {
		Path dir = this.root.resolve(name);
		StringBuilder reg = new StringBuilder("{\"value\":[");
		registration.forEach((tenant, customer) -> reg.append(reg.length() > 10 ? "," : "")
			.append("{\"id\":\"/subscriptions/")
			.append(defaultSubscription)
			.append("/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg-")
			.append(name)
			.append("/customerSubscriptions/")
			.append(customer)
			.append("\",\"name\":\"reg-")
			.append(name)
			.append("/")
			.append(customer)
			.append("\",\"type\":\"Microsoft.AzureStack/registrations/customerSubscriptions\",")
			.append("\"properties\":{\"tenantId\":\"")
			.append(tenant)
			.append("\"}}"));
		reg.append("]}");
		write(name + "/registration.json", reg.toString());
		write(name + "/user-subscriptions.json", userSubscriptionsJson(userSubscriptions));
		try {
			Files.createDirectories(dir.resolve("usage"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.config.append("    - name: ").append(name).append('\n')
			.append("      default-subscription-id: ").append(defaultSubscription).append('\n')
			.append("      registration-file: ").append(dir.resolve("registration.json")).append('\n')
			.append("      user-subscriptions-file: ").append(dir.resolve("user-subscriptions.json")).append('\n')
			.append("      input-dirs: [").append(dir.resolve("usage")).append("]\n")
			.append("      culture: ").append(culture).append('\n');
		return this;
	}

	/**
	 * Adds a hub whose registration is read from Azure Resource Manager.
	 */
	public Workspace azureHub(String name, String registrationResourceId, Map<String, String> userSubscriptions) {
		Path dir = this.root.resolve(name);
		write(name + "/user-subscriptions.json", userSubscriptionsJson(userSubscriptions));
		try {
			Files.createDirectories(dir.resolve("usage"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.config.append("    - name: ").append(name).append('\n')
			.append("      registration-source: azure\n")
			.append("      registration-resource-id: ").append(registrationResourceId).append('\n')
			.append("      user-subscriptions-file: ").append(dir.resolve("user-subscriptions.json")).append('\n')
			.append("      input-dirs: [").append(dir.resolve("usage")).append("]\n");
		return this;
	}

	/**
	 * Adds a setting to the hub added last, e.g. {@code usage-source: api}.
	 */
	public Workspace hubSetting(String yaml) {
		this.config.append("      ").append(yaml).append('\n');
		return this;
	}

	/**
	 * The Microsoft.Subscriptions.Admin list shape, for {@code subscription=tenant} pairs.
	 */
	private static String userSubscriptionsJson(Map<String, String> userSubscriptions) {
		StringBuilder subs = new StringBuilder("{\"value\":[");
		userSubscriptions.forEach((sub, tenant) -> subs.append(subs.length() > 10 ? "," : "")
			.append("{\"subscriptionId\":\"")
			.append(sub)
			.append("\",\"tenantId\":\"")
			.append(tenant)
			.append("\",\"state\":\"Enabled\"}"));
		return subs.append("]}").toString();
	}

	/**
	 * Adds YAML under {@code hub-chargeback:} (indented by two spaces), e.g. an {@code azure:} block.
	 */
	public Workspace settings(String yaml) {
		this.settings.append(yaml);
		return this;
	}

	/**
	 * Uses an existing configuration file instead of the hubs added with {@link #hub}.
	 */
	public Workspace config(Path file) {
		this.externalConfig = file;
		return this;
	}

	/**
	 * Keeps the job database in a PostgreSQL schema (the postgres profile) instead of the H2 file under data-dir.
	 */
	public Workspace postgres(PostgresSchema schema) {
		this.postgres = schema;
		return this;
	}

	/**
	 * Keeps the H2 job database under {@code dataDir} as given (relative paths resolve against the working directory)
	 * instead of the workspace's {@code data} folder.
	 */
	public Workspace dataDir(String dataDir) {
		this.dataDir = dataDir;
		return this;
	}

	/**
	 * @return the arguments that put a process of its own on this workspace's job database (none for H2: it is under
	 * {@code --data-dir})
	 */
	public List<String> databaseArgs() {
		return (this.postgres != null) ? this.postgres.args() : List.of();
	}

	/**
	 * @return a connection to the job database, to look at its tables
	 */
	public Connection connect() throws SQLException {
		return (this.postgres != null) ? this.postgres.connect()
				: DriverManager.getConnection("jdbc:h2:file:" + this.root.resolve("data/hub-chargeback"), "sa", "");
	}

	public Path write(String relativePath, String content) {
		return writeBytes(relativePath, content.getBytes(StandardCharsets.UTF_8));
	}

	public Path writeBytes(String relativePath, byte[] content) {
		Path file = this.root.resolve(relativePath);
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/**
	 * Runs the application with the workspace's configuration plus {@code args}.
	 */
	public Result run(String... args) {
		Path configFile = (this.externalConfig != null) ? this.externalConfig
				: write("hub-chargeback.yml", "hub-chargeback:\n" + this.settings + "  hubs:\n" + this.config);
		List<String> all = new ArrayList<>(List.of("--spring.config.additional-location=file:" + configFile,
				"--output-dir=" + out(),
				"--data-dir=" + ((this.dataDir != null) ? this.dataDir : this.root.resolve("data").toString())));
		all.addAll(databaseArgs());
		all.addAll(List.of(args));
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit;
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
			exit = HubChargebackApplication.run(all.toArray(String[]::new));
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
		Result result = new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		stdout.print(result.stdout());
		stderr.print(result.stderr());
		return result;
	}

	public record Result(int exitCode, String stdout, String stderr) {
	}

	/**
	 * A CSV output as a finance analyst's tool would load it (a byte-order mark is not part of the first column's
	 * name): one map per row, keyed by header.
	 */
	public static List<Map<String, String>> csv(Path file) {
		try (Reader reader = CsvDialect.reader(Files.newInputStream(file))) {
			List<Map<String, String>> rows = new ArrayList<>();
			for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				rows.add(new LinkedHashMap<>(row.toMap()));
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every file of a published folder by relative path, as text, the manifest without its generation time: what two
	 * runs of the same inputs must publish alike, byte for byte.
	 */
	public static Map<String, String> publishedFiles(Path folder) {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				if (file.getFileName().toString().equals("manifest.json")) {
					text = text.replaceAll("\"generatedAt\" : \"[^\"]+\"", "\"generatedAt\" : \"-\"");
				}
				files.put(folder.relativize(file).toString(), text);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	public static JsonNode json(Path file) {
		try {
			return JsonMapper.builder().build().readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
