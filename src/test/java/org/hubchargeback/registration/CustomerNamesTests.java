package org.hubchargeback.registration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.registration.CustomerNames.Customer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The customer names file: read whole, each bad row named by its line.
 */
class CustomerNamesTests {

	static final String HEADER = "CustomerSubscriptionId,CustomerName,CustomerReference\n";

	static final String CONTOSO = "ABCDEF01-2345-4678-9ABC-DEF012345678";

	@TempDir
	Path dir;

	Path file(String content) throws IOException {
		return Files.writeString(this.dir.resolve("customers.csv"), content, StandardCharsets.UTF_8);
	}

	@Test
	void looksUpWhateverTheCaseAndTakesExcelsSemicolonsAndByteOrderMark() throws IOException {
		// given the file as Excel saves it in a German locale
		Path file = file("\uFEFFCustomerSubscriptionId;CustomerName;CustomerReference\n" + CONTOSO.toLowerCase()
				+ ";\"Contoso; Ltd\";K-1001\n11111111-1111-4111-8111-111111111111; Our own ;\n");

		// when
		CustomerNames names = CustomerNames.read(file);

		// then
		assertThat(names.of(CONTOSO)).isEqualTo(new Customer("Contoso; Ltd", "K-1001"));
		assertThat(names.of("11111111-1111-4111-8111-111111111111")).isEqualTo(new Customer("Our own", ""));
		assertThat(names.of("22222222-2222-4222-8222-222222222222")).isEqualTo(Customer.NONE);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			CustomerSubscriptionId,CustomerName\\n                                         | line 1: the header is
			HEADER ABCDEF01-2345-4678-9ABC-DEF012345678,,K-1\\n                             | line 2: subscription ABCDEF01-2345-4678-9ABC-DEF012345678 has no CustomerName
			HEADER ABCDEF01-2345-4678-9ABC-DEF012345678,Contoso\\n                         | line 2: has 2 values, expected 3
			HEADER ABCDEF01-2345-4678-9ABC-DEF012345678,A,\\nabcdef01-2345-4678-9abc-def012345678,B,\\n | line 3: subscription abcdef01-2345-4678-9abc-def012345678 is listed a second time (A, then B)
			HEADER contoso,Contoso,K-1\\n                                                  | line 2: CustomerSubscriptionId 'contoso' is not a subscription ID
			""")
	void aBadRowIsNamedByFileAndLine(String content, String message) throws IOException {
		// given
		Path file = file(content.replace("HEADER ", HEADER).replace("\\n", "\n"));

		// when / then
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> CustomerNames.read(file))
			.withMessageStartingWith("hub-chargeback.names.customer-file " + file + ", " + message);
	}

}
