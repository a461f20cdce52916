"""ansinh: the working platform of a provincial BHXH, BHYT, BHTN steering committee."""
